using System.Net;
using System.Net.Http.Json;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Databases;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Resilience;

/// <summary>
/// The flag store's PostgreSQL cut off from two running replicas: both route on by the states they read
/// last, stay ready but say Degraded and why, refuse admin changes with a 503 that names the store, and
/// take and follow changes again once the store answers.
/// </summary>
public sealed class FlagStoreOutageTests(StandInPair backends) : IClassFixture<StandInPair>
{
    private const int RequestsDuringTheCut = 40;

    [Fact]
    public async Task Cut_off_from_its_store_the_facade_routes_on_reports_degraded_and_refuses_changes_with_503()
    {
        var settings = await backends.Manifest().NewPostgresStoreAsync();
        var store = settings.Values["Strangler:FlagStore:ConnectionString"]!;
        await using var facade = await FacadeServer.StartAsync(settings);
        await using var replica = await FacadeServer.StartAsync(settings);
        await facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service, Reason: "before the cut"));
        await Eventually.HealthyAsync(facade, FacadeFixture.CatalogRead);
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => await ServedByAsync(replica) == FacadeFixture.StandInName));

        await PostgresServer.Shared.SetReachableAsync(store, reachable: false);
        try
        {
            Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => (await ReadyAsync(facade)).Body.StartsWith("Degraded", StringComparison.Ordinal)),
                "The façade never reported its flag store as not answering.");
            var (status, body) = await ReadyAsync(facade);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("flag-store: The flag store does not answer", body, StringComparison.Ordinal);

            for (var i = 0; i < RequestsDuringTheCut; i++)
            {
                Assert.Equal(FacadeFixture.StandInName, await ServedByAsync(i % 2 == 0 ? facade : replica));
            }

            var refused = await facade.Admin.PatchAsJsonAsync(
                AdminRoutes.Capability(FacadeFixture.CatalogRead), new CapabilityChange(CapabilityMode.Legacy, Reason: "during the cut"), AdminJson.Options);
            Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
            var problem = await AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("The flag store does not answer; the change was not made.", (string)problem["title"]!);
            Assert.Equal(FacadeFixture.StandInName, await ServedByAsync(facade));
        }
        finally
        {
            await PostgresServer.Shared.SetReachableAsync(store, reachable: true);
        }

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => (await ReadyAsync(facade)).Body == "Healthy"),
            "The façade did not report its flag store healthy again once it answered.");
        await facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Legacy, Reason: "after the cut"));
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync(facade));
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => await ServedByAsync(replica) == FacadeFixture.Monolith),
            "The other replica did not follow a change made once the store answered again.");
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(FacadeServer facade)
    {
        using var response = await facade.Client.GetAsync(AdminRoutes.Health + "/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ServedByAsync(FacadeServer facade)
    {
        using var response = await facade.Client.GetAsync("/api/catalog/categories");
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues(StranglerHeaders.ServedBy).Single();
    }
}
