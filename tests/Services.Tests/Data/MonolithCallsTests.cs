using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Services.Tests.Fixtures;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Data;

/// <summary>
/// ordering-service's calls to the monolith's stock and payments: every one is idempotent, so a
/// 503 or a refused connection is tried again (twice, by default); when the monolith stays away,
/// the order is refused with a 503 problem and nothing is left reserved.
/// </summary>
[Collection(SqliteSides.Name)]
public sealed class MonolithCallsTests(SqliteSideBySide sides) : SideBySideTests(sides)
{
    private const string Sku = "SKU-00004";

    [Fact]
    public async Task Calls_that_meet_a_503_are_retried_with_the_correlation_id_and_the_order_is_placed()
    {
        await using var flaky = await FlakyForwarder.StartAsync(Systems.Monolith.BaseAddress, failFirst: 2);
        await using var ordering = await ServiceServer.StartAsync(ExtractedService.Ordering, Systems.Monolith, postgres: false, monolithCalls: flaky.BaseAddress);
        var stock = (int)(await ProductAsync(Sku))["stockOnHand"]!;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 1 } } }),
        };
        request.Headers.Add("X-Correlation-Id", "order-from-test-1");
        var response = await ordering.Client.SendAsync(request);

        await ReadJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(5, flaky.Calls); // two 503s, then the catalog read, the reservation and the authorisation
        // Every call, retries included, carries the client's correlation id on into the monolith.
        Assert.Equal(Enumerable.Repeat("order-from-test-1", 5), flaky.CorrelationIds);
        Assert.Equal(stock - 1, (int)(await ProductAsync(Sku))["stockOnHand"]!);
    }

    [Fact]
    public async Task When_the_monolith_cannot_be_reached_the_order_is_a_503_problem_and_nothing_is_taken()
    {
        var nowhere = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        await using var ordering = await ServiceServer.StartAsync(ExtractedService.Ordering, Systems.Monolith, postgres: false, monolithCalls: nowhere);
        var stock = (int)(await ProductAsync(Sku))["stockOnHand"]!;

        var problem = await AssertProblemAsync(
            await ordering.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 1 } } }),
            HttpStatusCode.ServiceUnavailable);

        Assert.Equal("The monolith did not answer.", (string)problem["title"]!);
        Assert.Contains("3 attempt(s)", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(stock, (int)(await ProductAsync(Sku))["stockOnHand"]!);
        Assert.Equal(0, await ordering.ScalarAsync("SELECT COUNT(*) FROM {table}", "Orders"));
    }

    [Theory]
    [InlineData(Shop.Ordering.Contracts.OrderStep.AttemptRecorded)]
    [InlineData(Shop.Ordering.Contracts.OrderStep.StockReserved)]
    [InlineData(Shop.Ordering.Contracts.OrderStep.PaymentAuthorised)]
    public async Task A_placement_the_service_died_in_is_undone_in_the_monolith_when_the_service_starts_again(Shop.Ordering.Contracts.OrderStep step)
    {
        var crash = new CrashAt { Step = step };
        await using var ordering = await ServiceServer.StartAsync(ExtractedService.Ordering, Systems.Monolith, postgres: false);
        await ordering.StopAsync();
        ordering.ConfigureNextStart = builder => builder.Services.AddSingleton<Shop.Ordering.Contracts.IOrderFaults>(crash);
        await ordering.StartAgainAsync();
        var stock = (int)(await ProductAsync(Sku))["stockOnHand"]!;

        using (var placed = await ordering.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 1 } } }))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, placed.StatusCode);
        }

        var orderId = crash.OrderId!.Value.ToString().ToUpperInvariant();
        Assert.Equal(1, await ordering.ScalarAsync($"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{orderId}' AND \"Outcome\" IS NULL", "PlacementAttempts"));
        Assert.Equal(step >= Shop.Ordering.Contracts.OrderStep.StockReserved ? stock - 1 : stock, (int)(await ProductAsync(Sku))["stockOnHand"]!);

        await ordering.StopAsync();
        ordering.ConfigureNextStart = null;
        await ordering.StartAgainAsync();

        var recovered = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            await ordering.ScalarAsync($"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{orderId}' AND \"Outcome\" = 'recovered'", "PlacementAttempts") == 1,
            TimeSpan.FromMilliseconds(100));
        Assert.True(recovered, "The service did not recover the placement it died in.");
        Assert.Equal(stock, (int)(await ProductAsync(Sku))["stockOnHand"]!);
        Assert.Equal(0, await ordering.ScalarAsync("SELECT COUNT(*) FROM {table}", "Orders"));
        if (step == Shop.Ordering.Contracts.OrderStep.PaymentAuthorised)
        {
            Assert.Equal(1, await Systems.Monolith.ScalarAsync("Payments", $"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{orderId}' AND \"Status\" = 'Voided'", "Payments"));
        }
    }

    [Fact]
    public async Task A_cancellation_the_service_died_in_is_finished_when_the_service_starts_again()
    {
        var crash = new CrashAt();
        await using var ordering = await ServiceServer.StartAsync(ExtractedService.Ordering, Systems.Monolith, postgres: false);
        await ordering.StopAsync();
        ordering.ConfigureNextStart = builder => builder.Services.AddSingleton<Shop.Ordering.Contracts.IOrderFaults>(crash);
        await ordering.StartAgainAsync();
        var stock = (int)(await ProductAsync(Sku))["stockOnHand"]!;
        var placed = await ReadJsonAsync(
            await ordering.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 1 } } }),
            HttpStatusCode.Created);
        var orderId = (Guid)placed["id"]!;
        crash.Step = Shop.Ordering.Contracts.OrderStep.CancellationPaymentReleased;

        using (var cancelled = await ordering.Client.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { reason = "changed my mind" }))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, cancelled.StatusCode);
        }

        var id = orderId.ToString().ToUpperInvariant();
        Assert.Equal(1, await ordering.ScalarAsync($"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{id}' AND \"Outcome\" IS NULL", "CancellationAttempts"));
        Assert.Equal(stock - 1, (int)(await ProductAsync(Sku))["stockOnHand"]!);

        await ordering.StopAsync();
        ordering.ConfigureNextStart = null;
        await ordering.StartAgainAsync();

        var finished = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            await ordering.ScalarAsync($"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{id}' AND \"Outcome\" = 'recovered'", "CancellationAttempts") == 1,
            TimeSpan.FromMilliseconds(100));
        Assert.True(finished, "The service did not finish the cancellation it died in.");
        Assert.Equal(1, await ordering.ScalarAsync($"SELECT COUNT(*) FROM {{table}} WHERE \"Id\" = '{id}' AND \"Status\" = 'Cancelled'", "Orders"));
        Assert.Equal(stock, (int)(await ProductAsync(Sku))["stockOnHand"]!);
        Assert.Equal(1, await Systems.Monolith.ScalarAsync("Payments", $"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{id}' AND \"Status\" = 'Voided'", "Payments"));
    }

    private sealed class CrashAt : Shop.Ordering.Contracts.IOrderFaults
    {
        public Shop.Ordering.Contracts.OrderStep? Step { get; set; }

        public Guid? OrderId { get; private set; }

        public void At(Shop.Ordering.Contracts.OrderStep step, Guid orderId)
        {
            if (step == Step)
            {
                OrderId = orderId;
                Step = null;
                throw new Shop.Ordering.Contracts.SimulatedCrash(step);
            }
        }
    }
}
