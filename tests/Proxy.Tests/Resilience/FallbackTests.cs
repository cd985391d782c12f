using System.Net;
using System.Net.Http.Json;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Resilience;

/// <summary>When the service side is down or too slow, reads are answered by the monolith; writes are refused, never half-applied.</summary>
[Collection(ShopBehindFacade.Name)]
public sealed class FallbackTests(FacadeFixture fixture) : FacadeTests(fixture)
{
    [Fact]
    public async Task Stopping_the_service_under_load_in_service_mode_fails_no_read()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
        var load = new BoundedLoad();
        var running = load.RunAsync(Facade.Client, "/api/catalog/products?pageSize=2", workers: 8, requestsEach: 200);
        try
        {
            await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(load.Completed >= 300 || running.IsCompleted));
            await StandIn.StopAsync();
            await running;
        }
        finally
        {
            await StandIn.RestartAsync();
        }

        Assert.Equal(8 * 200, load.Completed);
        Assert.Empty(load.Failures());
        Assert.Contains(load.Results, r => r.ServedBy == FacadeFixture.StandInName && r.Fallback is null);
        var fellBack = load.Results.Where(r => r.ServedBy == FacadeFixture.Monolith).ToList();
        Assert.NotEmpty(fellBack);
        Assert.All(fellBack, r => Assert.StartsWith(FacadeFixture.StandInName, r.Fallback));
    }

    [Fact]
    public async Task A_read_falls_back_with_a_marker_and_returns_to_the_service_when_it_is_back()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
        await StandIn.StopAsync();
        try
        {
            using var response = await Facade.Client.GetAsync("/api/catalog/categories");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(FacadeFixture.Monolith, ServedBy(response));
            Assert.StartsWith(FacadeFixture.StandInName, response.Headers.GetValues(StranglerHeaders.Fallback).Single());
        }
        finally
        {
            await StandIn.RestartAsync();
        }

        await Eventually.HealthyAsync(Facade, FacadeFixture.CatalogRead);
        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync("/api/catalog/categories"));
    }

    [Fact]
    public async Task A_write_meant_for_a_down_service_gets_a_503_problem_and_changes_nothing()
    {
        await Shop.ResetAsync();
        await Facade.SetAsync(FacadeFixture.Ordering, new CapabilityChange(CapabilityMode.Service));
        await StandIn.StopAsync();
        var customerId = Guid.NewGuid();
        try
        {
            await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            {
                var view = await Facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability(FacadeFixture.Ordering), Testing.Infrastructure.Servers.AdminJson.Options);
                return view!.ServiceHealth == ClusterHealth.Unhealthy;
            });
            using var response = await Facade.Client.PostAsJsonAsync("/api/orders", new { customerId, lines = new[] { new { sku = "SKU-00001", quantity = 1 } } });

            var problem = await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("nothing was sent", (string?)problem["detail"]);
            // Both sides by the names the manifest gives them.
            Assert.Contains($"served by '{FacadeFixture.StandInName}'", (string?)problem["detail"], StringComparison.Ordinal);
            Assert.Contains($"is not retried on '{FacadeFixture.Monolith}'", (string?)problem["detail"], StringComparison.Ordinal);
        }
        finally
        {
            await StandIn.RestartAsync();
        }

        var orders = await Shop.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/customers/{customerId}/orders");
        Assert.Empty(orders!["items"]!.AsArray());
    }

    [Fact]
    public async Task A_service_that_refuses_a_connection_leaves_rotation_for_the_very_next_request()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
        await StandIn.StopAsync();
        var fallbacks = new List<string>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                using var response = await Facade.Client.GetAsync("/api/catalog/categories");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                fallbacks.Add(response.Headers.GetValues(StranglerHeaders.Fallback).Single());
            }
        }
        finally
        {
            await StandIn.RestartAsync();
        }

        // The first read may find it refusing (or an active probe may have been first); none after it tries it again.
        Assert.All(fallbacks.Skip(1), fallback => Assert.Equal($"{FacadeFixture.StandInName} unavailable", fallback));
        await Eventually.HealthyAsync(Facade, FacadeFixture.CatalogRead);
    }

    [Fact]
    public async Task A_write_whose_service_refuses_the_connection_is_a_503_that_says_nothing_was_sent()
    {
        await Shop.ResetAsync();
        await Facade.SetAsync(FacadeFixture.Ordering, new CapabilityChange(CapabilityMode.Service));
        await StandIn.StopAsync();
        try
        {
            // At once, before any probe: the forwarder itself meets the refused connection (or, if a probe was first, the façade does).
            using var response = await Facade.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = "SKU-00001", quantity = 1 } } });

            var problem = await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("nothing was sent", (string?)problem["detail"], StringComparison.Ordinal);
        }
        finally
        {
            await StandIn.RestartAsync();
        }

        await Eventually.HealthyAsync(Facade, FacadeFixture.Ordering);
    }

    [Fact]
    public async Task A_read_the_monolith_answered_after_the_service_timed_out_counts_against_the_service_not_the_monolith()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
        await Eventually.HealthyAsync(Facade, FacadeFixture.CatalogRead);
        var before = await TrafficAsync();
        StandIn.Delay = TimeSpan.FromSeconds(5);
        try
        {
            using var response = await Facade.Client.GetAsync("/api/catalog/categories");
            Assert.Equal(FacadeFixture.Monolith, ServedBy(response));
        }
        finally
        {
            StandIn.Delay = TimeSpan.Zero;
        }

        var after = await TrafficAsync();
        Assert.Equal(1, after.Service.Requests - before.Service.Requests);
        Assert.Equal(1, after.Service.ServerErrors - before.Service.ServerErrors);
        Assert.Equal(1, after.Legacy.Requests - before.Legacy.Requests);
        Assert.Equal(before.Legacy.ServerErrors, after.Legacy.ServerErrors);
        await Eventually.HealthyAsync(Facade, FacadeFixture.CatalogRead);
    }

    private async Task<TrafficView> TrafficAsync() =>
        (await Facade.Admin.GetFromJsonAsync<TrafficView>(AdminRoutes.Capability(FacadeFixture.CatalogRead) + "/traffic?window=900", Testing.Infrastructure.Servers.AdminJson.Options))!;

    [Fact]
    public async Task A_write_whose_service_fails_mid_flight_is_not_replayed_on_the_monolith()
    {
        await Shop.ResetAsync();
        await Facade.SetAsync(FacadeFixture.Ordering, new CapabilityChange(CapabilityMode.Service));
        StandIn.Delay = TimeSpan.FromSeconds(5); // beyond the stand-in cluster's 2 s request timeout
        var customerId = Guid.NewGuid();

        using var response = await Facade.Client.PostAsJsonAsync("/api/orders", new { customerId, lines = new[] { new { sku = "SKU-00001", quantity = 1 } } });

        var problem = await AssertProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Contains("not retried", (string?)problem["detail"]);
        var orders = await Shop.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/customers/{customerId}/orders");
        Assert.Empty(orders!["items"]!.AsArray());
    }

    [Fact]
    public async Task A_read_whose_service_times_out_is_answered_by_the_monolith()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
        StandIn.Delay = TimeSpan.FromSeconds(5);

        using var response = await Facade.Client.GetAsync("/api/catalog/categories");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FacadeFixture.Monolith, ServedBy(response));
        Assert.Equal($"{FacadeFixture.StandInName} failed: RequestTimedOut", response.Headers.GetValues(StranglerHeaders.Fallback).Single());
        StandIn.Delay = TimeSpan.Zero;
        await Eventually.HealthyAsync(Facade, FacadeFixture.CatalogRead);
    }

    [Fact]
    public async Task A_service_that_answers_with_an_error_is_not_second_guessed()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
        StandIn.FailWith = 500;
        using var response = await Facade.Client.GetAsync("/api/catalog/categories");
        StandIn.FailWith = null;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(FacadeFixture.StandInName, ServedBy(response));
    }
}
