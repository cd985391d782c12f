using System.Net;
using System.Net.Http.Json;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Admin;

/// <summary>
/// The last hour a capability's charts are drawn from: counted from the requests the façade really
/// forwarded, refused with a problem for an unknown capability, and closed to callers without the key.
/// </summary>
public sealed class HistoryApiTests
{
    [Fact]
    public async Task The_history_counts_what_was_forwarded_and_refuses_strangers()
    {
        await using var monolith = await StandInService.StartAsync("monolith");
        await using var service = await StandInService.StartAsync("catalog-service");
        await using var facade = await FacadeServer.StartAsync(new FacadeSettings().NewSqliteStore()
            .Cluster("monolith", monolith.BaseAddress).Cluster("catalog-service", service.BaseAddress).DefaultCluster("monolith")
            .Capability("catalog-read", "monolith", "catalog-service", ("/api/catalog/{**rest}", "GET")));
        for (var i = 0; i < 7; i++)
        {
            (await facade.Client.GetAsync("/api/catalog/x")).Dispose();
        }

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            var history = (await facade.Admin.GetFromJsonAsync<CapabilityHistory>("/strangler/api/capabilities/catalog-read/history", AdminJson.Options))!;
            var monolithSide = history.Sides.SingleOrDefault(side => side.Side == "monolith");
            return history.BucketSeconds == 10 && monolithSide is { Role: "legacy" }
                && Math.Round(monolithSide.Points.Sum(p => p.RequestsPerSecond * history.BucketSeconds)) == 7
                && monolithSide.Points.All(p => p.P50Ms is not null && p.P99Ms >= p.P50Ms);
        }));

        using var unknown = await facade.Admin.GetAsync("/strangler/api/capabilities/no-such/history");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        using var stranger = await facade.Client.GetAsync("/strangler/api/capabilities/catalog-read/history");
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
    }
}
