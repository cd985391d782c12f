using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Shop.Ordering.Contracts;
using Testing.Infrastructure.Servers;

namespace Monolith.Tests.Ordering;

/// <summary>
/// A placement or cancellation stopped between two of its steps, as a killed process would stop it (no
/// undo runs), is settled when the monolith starts again. A placement is undone: stock given back,
/// payment voided, no order. A cancellation is finished: the order cancelled, its stock and payment
/// released. Nothing is left open. On SQLite and on PostgreSQL.
/// </summary>
public sealed class OrderRecoveryTests
{
    private const string Sku = "SKU-00007";

    public static TheoryData<OrderStep, bool> PlacementCrashes() => Crashes(OrderStep.AttemptRecorded, OrderStep.StockReserved, OrderStep.PaymentAuthorised);

    public static TheoryData<OrderStep, bool> CancellationCrashes() => Crashes(OrderStep.CancellationRecorded, OrderStep.CancellationPaymentReleased);

    private static TheoryData<OrderStep, bool> Crashes(params OrderStep[] steps)
    {
        var data = new TheoryData<OrderStep, bool>();
        foreach (var step in steps)
        {
            data.Add(step, false);
            data.Add(step, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PlacementCrashes))]
    public async Task A_placement_that_died_after_a_step_is_undone_when_the_monolith_starts_again(OrderStep step, bool postgres)
    {
        var crash = new CrashAt();
        var shop = await ShopServer.StartOnAsync(postgres, configure: builder => builder.Services.AddSingleton<IOrderFaults>(crash));
        try
        {
            var stockBefore = await StockAsync(shop);
            crash.Step = step;

            using (var placed = await shop.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 2 } } }))
            {
                Assert.Equal(HttpStatusCode.InternalServerError, placed.StatusCode);
            }

            var orderId = crash.OrderId!.Value;
            // What the dead process left: an open attempt, and the steps it had taken.
            Assert.Equal(1, await OpenAttemptsAsync(shop, orderId));
            Assert.Equal(step >= OrderStep.StockReserved ? stockBefore - 2 : stockBefore, await StockAsync(shop));
            Assert.Equal(step >= OrderStep.PaymentAuthorised ? 1 : 0, await PaymentsAsync(shop, orderId, "Authorised"));

            shop = await shop.RestartAsync();

            var recovered = await Eventually.TrueWithinAsync(Eventually.Generous, async () => await OpenAttemptsAsync(shop, orderId) == 0, TimeSpan.FromMilliseconds(100));
            Assert.True(recovered, "The attempt was still open after the restart.");
            Assert.Equal(stockBefore, await StockAsync(shop));
            Assert.Equal(0, await PaymentsAsync(shop, orderId, "Authorised"));
            Assert.Equal(step >= OrderStep.PaymentAuthorised ? 1 : 0, await PaymentsAsync(shop, orderId, "Voided"));
            Assert.Equal(1, await shop.ScalarAsync("Ordering", $"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{Id(orderId, shop)}' AND \"Outcome\" = 'recovered'", "PlacementAttempts"));
            Assert.Equal(HttpStatusCode.NotFound, (await shop.Client.GetAsync($"/api/orders/{orderId}")).StatusCode);

            // The same customer can place the same order again, and it takes the stock once.
            using var again = await shop.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 2 } } });
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal(stockBefore - 2, await StockAsync(shop));
        }
        finally
        {
            await shop.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(CancellationCrashes))]
    public async Task A_cancellation_that_died_after_a_step_is_finished_when_the_monolith_starts_again(OrderStep step, bool postgres)
    {
        var crash = new CrashAt();
        var shop = await ShopServer.StartOnAsync(postgres, configure: builder => builder.Services.AddSingleton<IOrderFaults>(crash));
        try
        {
            var stockBefore = await StockAsync(shop);
            using var placed = await shop.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 2 } } });
            Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
            var orderId = (Guid)(await placed.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
            crash.Step = step;

            using (var cancelled = await shop.Client.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { reason = "changed my mind" }))
            {
                Assert.Equal(HttpStatusCode.InternalServerError, cancelled.StatusCode);
            }

            // What the dead process left: an open cancellation under an order that still reads as placed.
            Assert.Equal(1, await OpenAttemptsAsync(shop, orderId, "CancellationAttempts"));
            Assert.Equal("Placed", await OrderStatusAsync(shop, orderId));
            Assert.Equal(stockBefore - 2, await StockAsync(shop));
            Assert.Equal(step == OrderStep.CancellationPaymentReleased ? 1 : 0, await PaymentsAsync(shop, orderId, "Voided"));

            shop = await shop.RestartAsync();

            var finished = await Eventually.TrueWithinAsync(Eventually.Generous, async () => await OpenAttemptsAsync(shop, orderId, "CancellationAttempts") == 0, TimeSpan.FromMilliseconds(100));
            Assert.True(finished, "The cancellation was still open after the restart.");
            Assert.Equal("Cancelled", await OrderStatusAsync(shop, orderId));
            Assert.Equal(stockBefore, await StockAsync(shop));
            Assert.Equal(1, await PaymentsAsync(shop, orderId, "Voided"));
            Assert.Equal(1, await shop.ScalarAsync("Ordering", $"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{Id(orderId, shop)}' AND \"Outcome\" = 'recovered'", "CancellationAttempts"));
        }
        finally
        {
            await shop.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("PlacementTimeout", "soon", "Ordering:PlacementTimeout is 'soon'; expected a duration from 00:00:01 to 1.00:00:00, e.g. 00:02:00.")]
    [InlineData("PlacementTimeout", "00:00:00", "Ordering:PlacementTimeout is '00:00:00'; expected a duration from 00:00:01 to 1.00:00:00, e.g. 00:02:00.")]
    [InlineData("RecoveryInterval", "-00:00:05", "Ordering:RecoveryInterval is '-00:00:05'; expected a duration from 00:00:00.100 to 01:00:00, e.g. 00:00:30.")]
    public async Task A_recovery_setting_that_is_not_a_sensible_duration_stops_the_monolith_at_start_naming_it(string key, string value, string message)
    {
        var refused = await Assert.ThrowsAsync<Strangler.ServiceDefaults.Settings.InvalidSettingsException>(() =>
            ShopServer.StartOnSqliteAsync(new Dictionary<string, string?> { [$"Ordering:{key}"] = value }));

        Assert.Equal([message], refused.Problems);
    }

    private static async Task<string> OrderStatusAsync(ShopServer shop, Guid orderId) =>
        (string)(await shop.Client.GetFromJsonAsync<JsonNode>($"/api/orders/{orderId}"))!["status"]!;

    private static async Task<int> StockAsync(ShopServer shop) =>
        (int)(await shop.Client.GetFromJsonAsync<JsonNode>($"/api/catalog/products/by-sku/{Sku}"))!["stockOnHand"]!;

    private static Task<long> OpenAttemptsAsync(ShopServer shop, Guid orderId, string table = "PlacementAttempts") =>
        shop.ScalarAsync("Ordering", $"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{Id(orderId, shop)}' AND \"Outcome\" IS NULL", table);

    private static Task<long> PaymentsAsync(ShopServer shop, Guid orderId, string status) =>
        shop.ScalarAsync("Payments", $"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{Id(orderId, shop)}' AND \"Status\" = '{status}'", "Payments");

    // SQLite keeps a Guid as upper-case text; PostgreSQL as uuid, which takes either case.
    private static string Id(Guid id, ShopServer shop) => shop.Provider == Shop.BuildingBlocks.Persistence.DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id.ToString();

    private sealed class CrashAt : IOrderFaults
    {
        public OrderStep? Step { get; set; }

        public Guid? OrderId { get; private set; }

        public void At(OrderStep step, Guid orderId)
        {
            if (step == Step)
            {
                OrderId = orderId;
                Step = null;
                throw new SimulatedCrash(step);
            }
        }
    }
}
