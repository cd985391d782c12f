using System.Security.Cryptography;
using System.Text;
using Strangler.Comparison;
using static Comparison.Tests.Answers;

namespace Comparison.Tests;

/// <summary>Status, media type and every kind of body the comparer must survive without throwing.</summary>
public sealed class BodyTests
{
    private static readonly ResponseComparer Strict = new(ComparisonRules.Strict);

    [Fact]
    public void A_different_status_is_reported_and_the_bodies_are_still_compared()
    {
        var result = Strict.Compare(CapturedResponse.Of(200, Json, """{"a":1}"""), CapturedResponse.Of(404, Json, """{"a":2}"""));
        Assert.Equal([DifferenceKind.Status, DifferenceKind.Value], result.Differences.Select(d => d.Kind));
        Assert.Equal(("200", "404"), (result.Differences[0].Legacy, result.Differences[0].Candidate));
    }

    [Fact]
    public void Media_types_compare_without_their_parameters()
    {
        Assert.True(Strict.Compare(CapturedResponse.Of(200, "application/json", "{}"), CapturedResponse.Of(200, "application/json; charset=utf-8", "{}")).Matched);
        Assert.True(Strict.Compare(CapturedResponse.Of(400, "application/problem+json", """{"a":1}"""), CapturedResponse.Of(400, "application/problem+json", """{ "a": 1 }""")).Matched);

        var result = Strict.Compare(CapturedResponse.Of(200, "application/json", "{}"), CapturedResponse.Of(200, "text/plain", "{}"));
        Assert.Equal(DifferenceKind.ContentType, Assert.Single(result.Differences).Kind);
    }

    [Fact]
    public void Invalid_json_on_one_side_is_reported_not_thrown()
    {
        var result = Strict.Compare(Json200("""{"a":1}"""), Json200("""{"a":"""));
        var difference = Assert.Single(result.Differences);
        Assert.Equal(DifferenceKind.InvalidJson, difference.Kind);
        Assert.Null(difference.Legacy);
        Assert.False(string.IsNullOrEmpty(difference.Candidate));
    }

    [Fact]
    public void Two_invalid_json_bodies_compare_by_bytes()
    {
        Assert.True(Strict.Compare(Json200("<html>oops</html>"), Json200("<html>oops</html>")).Matched);
        Assert.Equal(DifferenceKind.Bytes, Assert.Single(Strict.Compare(Json200("<html>a</html>"), Json200("<html>b</html>")).Differences).Kind);
    }

    [Fact]
    public void Empty_bodies_match_each_other_and_are_reported_against_content()
    {
        Assert.True(Strict.Compare(CapturedResponse.Of(204, null, ""), CapturedResponse.Of(204, null, "")).Matched);
        var result = Strict.Compare(Json200(""), Json200("""{"a":1}"""));
        Assert.Equal(new Difference(DifferenceKind.InvalidJson, "", "empty body", null), Assert.Single(result.Differences));
    }

    [Fact]
    public void Other_media_types_compare_by_bytes_with_lengths_and_hashes()
    {
        var result = Strict.Compare(CapturedResponse.Of(200, "text/csv", "a,b\n1,2\n"), CapturedResponse.Of(200, "text/csv", "a,b\n1,3\n"));
        var difference = Assert.Single(result.Differences);
        Assert.Equal(DifferenceKind.Bytes, difference.Kind);
        Assert.StartsWith("8 bytes, sha256 ", difference.Legacy);
        Assert.NotEqual(difference.Legacy, difference.Candidate);
    }

    [Fact]
    public void Bodies_over_the_cap_are_compared_by_hash_not_parsed()
    {
        var rules = Rules(maxJsonBytes: 64);
        var big = "{\"items\":[" + string.Join(',', Enumerable.Range(0, 50)) + "]}";
        var bigReordered = "{ \"items\":[" + string.Join(',', Enumerable.Range(0, 50)) + "]}";
        var comparer = new ResponseComparer(rules);

        Assert.True(comparer.Compare(Json200(big), Json200(big)).Matched);
        Assert.Equal(DifferenceKind.Bytes, Assert.Single(comparer.Compare(Json200(big), Json200(bigReordered)).Differences).Kind);
    }

    [Fact]
    public void A_capped_body_with_its_full_hash_compares_by_that_hash()
    {
        var body = Encoding.UTF8.GetBytes(new string('x', 5000));
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        var capped = new CapturedResponse(200, new Dictionary<string, string>(), Json, body.AsMemory(0, 100), body.Length, hash);

        Assert.True(Strict.Compare(capped, capped with { }).Matched);
        var other = capped with { BodySha256 = new string('0', 64) };
        Assert.Equal(DifferenceKind.Bytes, Assert.Single(Strict.Compare(capped, other).Differences).Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xfe, 0x00, 0x01 })]
    [InlineData(new byte[] { (byte)'[', (byte)'[', (byte)'[' })]
    public void Garbage_never_throws(byte[] garbage)
    {
        var answer = new CapturedResponse(200, new Dictionary<string, string>(), Json, garbage, garbage.Length);
        var result = Strict.Compare(answer, Json200("{}"));
        Assert.False(result.Matched);
    }

    [Fact]
    public void Deeply_nested_json_is_reported_not_thrown()
    {
        var deep = new string('[', 500) + new string(']', 500);
        var result = Strict.Compare(Json200(deep), Json200(deep));
        Assert.True(result.Matched);
    }
}
