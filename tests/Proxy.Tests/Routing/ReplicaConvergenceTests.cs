using System.Diagnostics;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Routing;

/// <summary>Several façade replicas on one PostgreSQL flag store follow a change made through any of them.</summary>
public sealed class ReplicaConvergenceTests(StandInPair backends) : IClassFixture<StandInPair>
{
    [Fact]
    public async Task A_switch_through_one_replica_is_followed_by_the_other_through_the_shared_store()
    {
        var settings = await backends.Manifest().NewPostgresStoreAsync();
        await using var first = await FacadeServer.StartAsync(settings);
        await using var second = await FacadeServer.StartAsync(settings);
        await Eventually.HealthyAsync(second, FacadeFixture.CatalogRead);
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync(second));

        foreach (var (mode, expected) in new[] { (CapabilityMode.Service, FacadeFixture.StandInName), (CapabilityMode.Legacy, FacadeFixture.Monolith) })
        {
            await first.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(mode, Reason: "replica test"));
            var clock = Stopwatch.StartNew();
            var followed = await Eventually.TrueWithinAsync(Eventually.Generous, async () => await ServedByAsync(second) == expected);

            Assert.True(followed, $"The second replica still routed to the old side {clock.Elapsed.TotalSeconds:0.0} s after the switch to {mode}.");
            Assert.Equal(expected, await ServedByAsync(first));
        }
    }

    [Fact]
    public async Task Replicas_refuse_to_overwrite_each_other_with_a_stale_version()
    {
        var settings = await backends.Manifest().NewPostgresStoreAsync();
        await using var first = await FacadeServer.StartAsync(settings);
        await using var second = await FacadeServer.StartAsync(settings);

        var seen = await first.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, 10));
        await second.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(Percentage: 20, ExpectedVersion: seen.Version));
        var stale = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            first.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(Percentage: 90, ExpectedVersion: seen.Version)));

        Assert.Contains("409", stale.Message);
    }

    private static async Task<string> ServedByAsync(FacadeServer facade)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
        request.Headers.Add("X-User-Id", "replica-user");
        using var response = await facade.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues(StranglerHeaders.ServedBy).Single();
    }
}
