using Strangler.Comparison;
using static Comparison.Tests.Answers;

namespace Comparison.Tests;

/// <summary>JSON is compared by structure, and every difference is reported at its JSON pointer with both values.</summary>
public sealed class StructureTests
{
    [Fact]
    public void Member_order_and_whitespace_do_not_count()
    {
        Assert.True(Compare("""{"a":1,"b":{"c":[1,2]}}""", """{ "b" : { "c" : [ 1, 2 ] }, "a" : 1 }""").Matched);
    }

    [Fact]
    public void A_changed_value_is_reported_at_its_pointer_with_both_values()
    {
        var result = Compare(
            """{"items":[{"sku":"A","price":{"amount":9.5}},{"sku":"B","price":{"amount":12.25}}]}""",
            """{"items":[{"sku":"A","price":{"amount":9.5}},{"sku":"B","price":{"amount":12.3}}]}""");

        var difference = Assert.Single(result.Differences);
        Assert.Equal(new Difference(DifferenceKind.Value, "/items/1/price/amount", "12.25", "12.3"), difference);
    }

    [Fact]
    public void Missing_extra_and_retyped_members_are_each_reported()
    {
        var result = Compare("""{"id":1,"name":"x","tags":["a"]}""", """{"id":"1","tags":["a","b"],"new":true}""");

        Assert.Equal(
            [
                new Difference(DifferenceKind.Type, "/id", "1", "\"1\""),
                new Difference(DifferenceKind.Missing, "/name", "\"x\"", null),
                new Difference(DifferenceKind.Extra, "/tags/1", null, "\"b\""),
                new Difference(DifferenceKind.Extra, "/new", null, "true"),
            ],
            result.Differences);
    }

    [Fact]
    public void Numbers_compare_by_value_not_by_spelling()
    {
        Assert.True(Compare("""{"n":1.50,"m":100}""", """{"n":1.5,"m":1e2}""").Matched);
        Assert.False(Compare("""{"n":true}""", """{"n":false}""").Matched);
    }

    [Fact]
    public void Pointers_escape_slashes_and_tildes_in_member_names()
    {
        var result = Compare("""{"a/b":{"c~d":1}}""", """{"a/b":{"c~d":2}}""");
        Assert.Equal("/a~1b/c~0d", Assert.Single(result.Differences).Where);
    }

    [Fact]
    public void Long_values_are_cut_to_a_readable_length()
    {
        var result = Compare($$"""{"text":"{{new string('x', 1000)}}"}""", """{"text":"y"}""");
        Assert.True(Assert.Single(result.Differences).Legacy!.Length <= 201);
    }
}
