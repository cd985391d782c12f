using Strangler.Comparison;
using static Comparison.Tests.Answers;

namespace Comparison.Tests;

/// <summary>Noise rules: what the manifest says does not count, does not count; everything else still does.</summary>
public sealed class RuleTests
{
    [Fact]
    public void A_noisy_timestamp_differs_unless_a_rule_ignores_it()
    {
        const string legacy = """{"generatedAt":"2026-11-25T10:00:00Z","total":3}""";
        const string candidate = """{"generatedAt":"2026-11-25T10:00:07Z","total":3}""";

        Assert.Equal("/generatedAt", Assert.Single(Compare(legacy, candidate).Differences).Where);
        Assert.True(Compare(legacy, candidate, Rules(ignore: ["$.generatedAt"])).Matched);
    }

    [Theory]
    [InlineData("$.items[*].updatedAt")]
    [InlineData("$..updatedAt")]
    [InlineData("$.items[1].updatedAt")]
    [InlineData("$.items[*].*")]
    public void Ignored_paths_reach_into_arrays_and_any_depth(string path)
    {
        var result = Compare(
            """{"items":[{"updatedAt":1},{"updatedAt":2}]}""",
            """{"items":[{"updatedAt":1},{"updatedAt":3}]}""",
            Rules(ignore: [path]));
        Assert.True(result.Matched, string.Join(", ", result.Differences));
    }

    [Fact]
    public void An_ignore_rule_hides_only_what_it_names()
    {
        var result = Compare(
            """{"items":[{"at":1,"price":5}]}""",
            """{"items":[{"at":2,"price":6}]}""",
            Rules(ignore: ["$.items[*].at"]));
        Assert.Equal("/items/0/price", Assert.Single(result.Differences).Where);
    }

    [Fact]
    public void Unordered_arrays_compare_as_sets()
    {
        var rules = Rules(unordered: [new UnorderedArray("$.tags")]);
        Assert.True(Compare("""{"tags":["a","b","c"]}""", """{"tags":["c","a","b"]}""", rules).Matched);

        var result = Compare("""{"tags":["a","b"]}""", """{"tags":["b","z"]}""", rules);
        Assert.Equal(
            [new Difference(DifferenceKind.Missing, "/tags/0", "\"a\"", null), new Difference(DifferenceKind.Extra, "/tags/1", null, "\"z\"")],
            result.Differences);
    }

    [Fact]
    public void Keyed_unordered_arrays_pair_elements_by_key_and_report_inside_them()
    {
        var rules = Rules(unordered: [new UnorderedArray("$.lines", "sku")]);
        var result = Compare(
            """{"lines":[{"sku":"A","qty":1},{"sku":"B","qty":2},{"sku":"C","qty":3}]}""",
            """{"lines":[{"sku":"B","qty":2},{"sku":"A","qty":5},{"sku":"D","qty":1}]}""",
            rules);

        Assert.Equal(
            [
                new Difference(DifferenceKind.Value, "/lines/0/qty", "1", "5"),
                new Difference(DifferenceKind.Missing, "/lines/2", """{"sku":"C","qty":3}""", null),
                new Difference(DifferenceKind.Extra, "/lines/2", null, """{"sku":"D","qty":1}"""),
            ],
            result.Differences);
    }

    [Fact]
    public void Ordered_arrays_stay_ordered_without_a_rule()
    {
        Assert.False(Compare("""[1,2]""", """[2,1]""").Matched);
    }

    [Fact]
    public void Numbers_within_the_tolerance_are_equal()
    {
        Assert.True(Compare("""{"p":10.004}""", """{"p":10.0}""", Rules(tolerance: 0.005m)).Matched);
        Assert.False(Compare("""{"p":10.006}""", """{"p":10.0}""", Rules(tolerance: 0.005m)).Matched);
    }

    [Fact]
    public void Times_are_compared_as_instants_at_the_chosen_precision()
    {
        const string utc = """{"at":"2026-11-25T10:00:00.123Z"}""";
        const string offset = """{"at":"2026-11-25T11:00:00.123+01:00"}""";
        const string later = """{"at":"2026-11-25T10:00:00.987Z"}""";

        Assert.False(Compare(utc, offset).Matched);
        Assert.True(Compare(utc, offset, Rules(times: true)).Matched);
        Assert.False(Compare(utc, later, Rules(times: true)).Matched);
        Assert.True(Compare(utc, later, Rules(times: true, precision: TimeSpan.FromSeconds(1))).Matched);
        Assert.False(Compare("""{"d":"2026-11-25"}""", """{"d":"2026-11-26"}""", Rules(times: true)).Matched);
    }

    [Fact]
    public void Case_insensitive_paths_ignore_case_there_only()
    {
        var rules = Rules(caseInsensitive: ["$.email"]);
        Assert.True(Compare("""{"email":"A@X.ORG"}""", """{"email":"a@x.org"}""", rules).Matched);
        Assert.False(Compare("""{"name":"Ann"}""", """{"name":"ANN"}""", rules).Matched);
    }

    [Fact]
    public void Only_the_headers_the_rules_name_are_compared()
    {
        var legacy = CapturedResponse.Of(200, Json, "{}", new Dictionary<string, string> { ["ETag"] = "\"1\"", ["Date"] = "Mon" });
        var candidate = CapturedResponse.Of(200, Json, "{}", new Dictionary<string, string> { ["etag"] = "\"2\"", ["Date"] = "Tue" });

        var result = new ResponseComparer(Rules(headers: ["ETag"])).Compare(legacy, candidate);

        Assert.Equal(new Difference(DifferenceKind.Header, "ETag", "\"1\"", "\"2\""), Assert.Single(result.Differences));
    }

    [Theory]
    [InlineData("items[*]", "starts with '$'")]
    [InlineData("$.items[", "not closed")]
    [InlineData("$.items[x]", "neither")]
    [InlineData("$..", "needs a member name")]
    [InlineData("$items", "unexpected 'i'")]
    public void An_invalid_rule_path_is_refused_with_the_reason(string path, string reason)
    {
        var exception = Assert.Throws<ArgumentException>(() => new ResponseComparer(Rules(ignore: [path])));
        Assert.Contains(path, exception.Message);
        Assert.Contains(reason, exception.Message);
    }
}
