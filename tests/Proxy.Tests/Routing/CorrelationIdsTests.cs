using Strangler.Contracts;

namespace Proxy.Tests.Routing;

/// <summary>The one rule every hop (the façade, the monolith, the services) applies to the correlation id it is sent.</summary>
public sealed class CorrelationIdsTests
{
    [Theory]
    [InlineData("order-flow-42")]
    [InlineData("a.b_c:d-E9")]
    public void A_well_formed_id_is_kept(string sent) => Assert.Equal(sent, CorrelationIds.AcceptOrStart(sent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("line\nbreak")]
    [InlineData("café")]
    [InlineData("<script>")]
    public void A_missing_or_malformed_id_is_replaced_by_a_new_one(string? sent) =>
        Assert.Matches("^[0-9a-f]{32}$", CorrelationIds.AcceptOrStart(sent));

    [Fact]
    public void An_id_longer_than_the_limit_is_replaced()
    {
        var atLimit = new string('a', CorrelationIds.MaxLength);

        Assert.Equal(atLimit, CorrelationIds.AcceptOrStart(atLimit));
        Assert.NotEqual(atLimit + "a", CorrelationIds.AcceptOrStart(atLimit + "a"));
    }

    [Fact]
    public void New_ids_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => CorrelationIds.Start()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids.Take(100), id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("semi;colon")]
    [InlineData("slash/")]
    [InlineData("ünïcode")]
    public void Every_character_outside_the_allowed_set_is_caught_wherever_it_stands(string sent)
    {
        Assert.NotEqual(sent, CorrelationIds.AcceptOrStart(sent));
        Assert.NotEqual("x" + sent + "x", CorrelationIds.AcceptOrStart("x" + sent + "x"));
    }
}
