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
}
