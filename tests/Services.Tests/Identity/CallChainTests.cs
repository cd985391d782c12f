using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Services.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Identity;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Identity;

/// <summary>
/// One routing decision along the whole call chain. The façade stands in front of the real monolith,
/// catalog-service and an ordering-service whose calls (catalog reads, stock, payments) go back
/// through the façade. Ordering is in Service mode and catalog-read in Canary for alice alone. An
/// order alice places must read the catalog from catalog-service on the hop the ordering-service
/// makes, and bob's from the monolith: the façade routes that hop for the user who placed the order,
/// whose token the ordering-service never saw forwarded. Each hop is read from the façade's traces.
/// </summary>
[Collection(SqliteSides.Name)]
public sealed class CallChainTests(SqliteSideBySide sides) : SideBySideTests(sides)
{
    private const string Sku = "SKU-00004";

    [Fact]
    public async Task An_order_reads_the_catalog_from_the_side_its_user_was_given_on_every_hop()
    {
        using var traces = new FacadeTraces();
        var (facade, ordering) = await StartChainAsync(stamped: true);
        await using var _ = facade;
        await using var __ = ordering;

        var alice = await PlaceOrderAsync(facade, "alice");
        var bob = await PlaceOrderAsync(facade, "bob");

        AssertHop(traces.Of(alice), "ordering", "service", "ordering-service", "alice");
        AssertHop(traces.Of(alice), "catalog-read", "service", "catalog-service", "alice");
        AssertHop(traces.Of(bob), "ordering", "service", "ordering-service", "bob");
        AssertHop(traces.Of(bob), "catalog-read", "legacy", "monolith", "bob");
        // The hops on the default route (stock, payments) are stamped for the same user too.
        Assert.All(traces.Of(alice).Where(hop => hop.GetTagItem("strangler.capability") is null),
            hop => Assert.Equal("alice", hop.GetTagItem("enduser.id")));
        Assert.Contains(traces.Of(alice), hop => hop.GetTagItem("strangler.capability") is null && (string?)hop.GetTagItem("strangler.served_by") == "monolith");
        Systems.Changed();
    }

    [Fact]
    public async Task Without_the_stamp_a_call_chain_hop_is_decided_afresh_for_the_caller_it_sees()
    {
        using var traces = new FacadeTraces();
        // No CallChain secret: nothing is stamped, and the ordering-service's catalog read is its own anonymous request.
        var (facade, ordering) = await StartChainAsync(stamped: false);
        await using var _ = facade;
        await using var __ = ordering;

        var alice = await PlaceOrderAsync(facade, "alice");

        // What the issue describes as today's fault: alice's order reads the monolith's catalog.
        AssertHop(traces.Of(alice), "catalog-read", "legacy", "monolith", user: null);
        Systems.Changed();
    }

    /// <summary>
    /// The façade in front of the shared monolith and catalog-service, and an ordering-service of the test's
    /// own whose calls go back through the façade: ordering in Service mode, catalog-read in Canary for alice.
    /// </summary>
    private async Task<(FacadeServer Facade, ServiceServer Ordering)> StartChainAsync(bool stamped)
    {
        var orderingPort = LoopbackPort.Free();
        var settings = new FacadeSettings()
            .DefaultCluster("monolith")
            .Cluster("monolith", Systems.Monolith.BaseAddress)
            .Cluster("catalog-service", Systems.Catalog.BaseAddress)
            .Cluster("ordering-service", new Uri($"http://127.0.0.1:{orderingPort}"))
            .Capability("catalog-read", "monolith", "catalog-service", ("/api/catalog/products", "GET"), ("/api/catalog/products/{**rest}", "GET"))
            .Capability("ordering", "monolith", "ordering-service", ("/api/orders", ""), ("/api/orders/{**rest}", ""))
            .AcceptTestTokens().Auth("ordering", "Required").Auth("catalog-read", "Optional")
            .NewSqliteStore();
        var facade = await FacadeServer.StartAsync(stamped ? settings.CallChain() : settings);
        var ordering = await ServiceServer.StartAsync(
            ExtractedService.Ordering, Systems.Monolith, postgres: false, port: orderingPort, monolithCalls: facade.BaseAddress);
        await facade.SetAsync("ordering", new CapabilityChange(CapabilityMode.Service));
        await facade.SetAsync("catalog-read", new CapabilityChange(CapabilityMode.Canary, Percentage: 0, Users: ["alice"]));
        await Eventually.HealthyAsync(facade, "ordering");
        await Eventually.HealthyAsync(facade, "catalog-read");
        return (facade, ordering);
    }

    private async Task<string> PlaceOrderAsync(FacadeServer facade, string user)
    {
        var correlation = $"chain-{user}-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = await SomeCustomerAsync(), lines = new[] { new { sku = Sku, quantity = 1 } } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user));
        request.Headers.Add(StranglerHeaders.CorrelationId, correlation);

        using var response = await facade.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{user}'s order: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("ordering-service", response.Headers.GetValues(StranglerHeaders.ServedBy).Single());
        return correlation;
    }

    private static void AssertHop(IReadOnlyList<Activity> hops, string capability, string side, string servedBy, string? user)
    {
        var hop = Assert.Single(hops, hop => (string?)hop.GetTagItem("strangler.capability") == capability);
        Assert.Equal(side, hop.GetTagItem("strangler.side"));
        Assert.Equal(servedBy, hop.GetTagItem("strangler.served_by"));
        if (user is not null)
        {
            Assert.Equal(user, hop.GetTagItem("enduser.id"));
        }
    }

    /// <summary>The façade's request spans, by the correlation id every hop of one order carries.</summary>
    private sealed class FacadeTraces : IDisposable
    {
        private readonly ConcurrentQueue<Activity> _stopped = new();
        private readonly ActivityListener _listener;

        public FacadeTraces()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>The façade's spans (those with a served-by) of one chain.</summary>
        public IReadOnlyList<Activity> Of(string correlation) =>
            [.. _stopped.Where(span => (string?)span.GetTagItem(StranglerTracing.CorrelationTag) == correlation && span.GetTagItem("strangler.served_by") is not null)];

        public void Dispose() => _listener.Dispose();
    }
}
