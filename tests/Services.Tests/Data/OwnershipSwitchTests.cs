using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Data;

/// <summary>
/// The real façade in front of the real monolith and ordering-service, with sync both ways: the
/// monolith's outbox feeds the service, the service's outbox feeds the monolith. The service calls
/// the monolith's stock and payments through the façade, as in the sample.
/// </summary>
public sealed class OwnershipSwitchTests
{
    private sealed class System(ShopServer monolith, FacadeServer facade, ServiceServer ordering) : IAsyncDisposable
    {
        public ShopServer Monolith => monolith;

        public FacadeServer Facade => facade;

        public ServiceServer Ordering => ordering;

        public static async Task<System> StartAsync(bool postgres)
        {
            var port = LoopbackPort.Free();
            var serviceAddress = new Uri($"http://127.0.0.1:{port}");
            var monolith = await ShopServer.StartOnAsync(postgres, new Dictionary<string, string?>
            {
                ["Sync:Feeds:ordering-service:Url"] = serviceAddress.ToString(),
                ["Sync:Feeds:ordering-service:ApiKey"] = ShopServer.AdminKey,
                ["Sync:Feeds:ordering-service:PollInterval"] = "00:00:00.100",
                ["Sync:Feeds:ordering-service:GapTimeout"] = "00:00:01",
            });
            var facade = await FacadeServer.StartAsync(new FacadeSettings()
                .DefaultCluster("monolith")
                .Cluster("monolith", monolith.BaseAddress)
                .Cluster("ordering-service", serviceAddress)
                .Capability("ordering", "monolith", "ordering-service", ("/api/orders", ""), ("/api/orders/{**rest}", ""), ("/api/customers/{customerId}/orders", "GET"))
                .Set("Strangler:Capabilities:ordering:Shadow:DryRunWrites", "true")
                .Set("Strangler:Capabilities:ordering:Compare:IgnorePaths:0", "$.id")
                .Set("Strangler:Capabilities:ordering:Compare:IgnorePaths:1", "$.paymentId")
                .Set("Strangler:Capabilities:ordering:Compare:IgnorePaths:2", "$.placedAt")
                .Set("Strangler:Shadow:DryRunSecret", ServiceServer.DryRunSecret)
                .NewSqliteStore());
            var ordering = await ServiceServer.StartAsync(
                ExtractedService.Ordering, monolith, postgres, TimeSpan.FromMilliseconds(100), port, monolithCalls: facade.BaseAddress);
            await ordering.BackfillAsync();
            await Eventually.HealthyAsync(facade, "ordering");
            return new System(monolith, facade, ordering);
        }

        public async Task<JsonNode> PlaceAsync(Guid customer, string expectedSide)
        {
            var response = await facade.Client.PostAsJsonAsync("/api/orders", new { customerId = customer, lines = new[] { new { sku = "SKU-00004", quantity = 1 } } });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, body);
            Assert.Equal(expectedSide, response.Headers.GetValues(StranglerHeaders.ServedBy).Single());
            return JsonNode.Parse(body)!;
        }

        public async Task CancelAsync(JsonNode order, string expectedSide)
        {
            var response = await facade.Client.PostAsJsonAsync($"/api/orders/{order["id"]}/cancel", new { reason = "switch test" });
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            Assert.Equal(expectedSide, response.Headers.GetValues(StranglerHeaders.ServedBy).Single());
        }

        /// <summary>What a team does before switching: wait until both sides have applied each other's events.</summary>
        public async Task DrainAsync()
        {
            await SyncWaits.UntilServiceInStepAsync(monolith, ordering);
            await SyncWaits.UntilMonolithInStepAsync(monolith, ordering);
        }

        public async ValueTask DisposeAsync()
        {
            await ordering.DisposeAsync();
            await facade.DisposeAsync();
            await monolith.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Moving_ordering_writes_to_the_service_and_back_loses_no_order(bool postgres)
    {
        await using var system = await System.StartAsync(postgres);
        var customer = Guid.NewGuid();
        var placedByMonolith = new[] { await system.PlaceAsync(customer, "monolith"), await system.PlaceAsync(customer, "monolith") };

        await system.DrainAsync();
        await system.Facade.SetAsync("ordering", new CapabilityChange(Mode: CapabilityMode.Service, Reason: "cut over"));
        var placedByService = new[] { await system.PlaceAsync(customer, "ordering-service"), await system.PlaceAsync(customer, "ordering-service") };
        await system.CancelAsync(placedByMonolith[0], "ordering-service");

        await system.DrainAsync();
        await system.Facade.SetAsync("ordering", new CapabilityChange(Mode: CapabilityMode.Legacy, Reason: "roll back"));
        var placedAfter = await system.PlaceAsync(customer, "monolith");
        await system.CancelAsync(placedByService[0], "monolith");
        await system.DrainAsync();

        await Reconcile.AssertInStepAsync(system.Monolith, system.Ordering);
        foreach (var client in new[] { system.Monolith.Client, system.Ordering.Client })
        {
            var list = (await client.GetFromJsonAsync<JsonNode>($"/api/customers/{customer}/orders?pageSize=100"))!;
            var statuses = list["items"]!.AsArray().ToDictionary(o => (string)o!["id"]!, o => (string)o!["status"]!);
            Assert.Equal(5, statuses.Count);
            Assert.Equal("Cancelled", statuses[(string)placedByMonolith[0]["id"]!]);
            Assert.Equal("Cancelled", statuses[(string)placedByService[0]["id"]!]);
            Assert.Equal(
                ["Placed", "Placed", "Placed"],
                new[] { placedByMonolith[1], placedByService[1], placedAfter }.Select(o => statuses[(string)o["id"]!]));
        }
    }

    [Fact]
    public async Task A_shadowed_order_is_compared_with_a_dry_run_and_leaves_the_service_database_unchanged()
    {
        await using var system = await System.StartAsync(postgres: false);
        await system.Facade.SetAsync("ordering", new CapabilityChange(Mode: CapabilityMode.Shadow, Reason: "prove it"));
        var outboxBefore = await system.Ordering.ScalarAsync("SELECT COUNT(*) FROM {table}", "OutboxMessages");
        var stockBefore = await StockAsync(system.Monolith);

        var order = await system.PlaceAsync(Guid.NewGuid(), "monolith");

        var compared = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            (await system.Facade.Admin.GetFromJsonAsync<ComparisonStats>(AdminRoutes.Comparison("ordering"), AdminJson.Options))!.Compared >= 1);
        Assert.True(compared, "The shadow copy was never compared.");
        var stats = (await system.Facade.Admin.GetFromJsonAsync<ComparisonStats>(AdminRoutes.Comparison("ordering"), AdminJson.Options))!;
        Assert.Equal((1, 1, 0), (stats.Compared, stats.Matched, stats.Mismatched));
        // The service's only copy of the order is the one sync brings; its dry run left no order and no event.
        await system.DrainAsync();
        Assert.Equal(outboxBefore, await system.Ordering.ScalarAsync("SELECT COUNT(*) FROM {table}", "OutboxMessages"));
        await Reconcile.AssertInStepAsync(system.Monolith, system.Ordering);
        Assert.Equal(HttpStatusCode.OK, (await system.Ordering.Client.GetAsync($"/api/orders/{order["id"]}")).StatusCode);
        // The dry run's own calls to stock and payments went through the façade as dry runs too: one unit taken, not two.
        Assert.Equal(stockBefore - 1, await StockAsync(system.Monolith));
    }

    private static async Task<int> StockAsync(ShopServer monolith) =>
        (int)(await monolith.Client.GetFromJsonAsync<JsonNode>("/api/catalog/products/by-sku/SKU-00004"))!["stockOnHand"]!;
}
