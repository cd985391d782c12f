using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Services.Tests.Fixtures;

namespace Services.Tests.Data;

/// <summary>
/// <c>strangler reconcile --dataset orders</c> holds every order on both sides against the monolith's
/// payments and stock reservations: stock or money held for an order nobody has is an orphan, named by
/// the order's id, with exit 1; <c>--repair</c> lists its releases, makes them, and checks again.
/// </summary>
[Collection(SqliteSides.Name)]
public sealed class WholeOrderReconcileTests(SqliteSideBySide sides) : SideBySideTests(sides)
{
    private const string Sku = "SKU-00009";

    [Fact]
    public async Task The_seeded_sample_is_whole_orders_in_step()
    {
        var (exit, output) = await Reconcile.RunAsync(Systems.Monolith, Systems.Ordering, "--settle", "0");

        Assert.True(exit == 0, output);
        Assert.Contains("Whole orders in step: 0 orphans, 0 other findings.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stock_and_money_held_for_no_order_are_orphans_by_id_and_repair_releases_them()
    {
        var stock = await StockAsync();
        var (reservationOrder, paymentOrder) = (Guid.NewGuid(), Guid.NewGuid());
        await PlantReservationAsync(reservationOrder, quantity: 3);
        await PlantPaymentAsync(paymentOrder, 186.98m);

        var (exit, output) = await Reconcile.RunAsync(Systems.Monolith, Systems.Ordering, "--settle", "0");

        Assert.True(exit == 1, output);
        Assert.Contains("In step: 0 differences.", output, StringComparison.Ordinal);
        Assert.Matches($@"reservation-without-order\s+{reservationOrder}\s+3 unit\(s\) on 1 line\(s\)", output);
        Assert.Matches($@"payment-without-order\s+{paymentOrder}\s+payment \S+ Authorised 186.98 EUR\s+release payment", output);
        Assert.Contains("Whole orders not in step: 2 orphan(s), 0 other finding(s).", output, StringComparison.Ordinal);
        Assert.Equal(stock - 3, await StockAsync());

        (exit, output) = await Reconcile.RunAsync(Systems.Monolith, Systems.Ordering, "--settle", "0", "--repair");

        Assert.True(exit == 0, output);
        var plan = output.IndexOf("Repairing 2, in this order:", StringComparison.Ordinal);
        var done = output.IndexOf($"  done: release stock of order {reservationOrder}", StringComparison.Ordinal);
        Assert.True(plan >= 0 && done > plan, output);
        Assert.Contains($"  release payment of order {paymentOrder} (payment-without-order)", output, StringComparison.Ordinal);
        Assert.Contains($"  done: release payment of order {paymentOrder}", output, StringComparison.Ordinal);
        Assert.EndsWith("Whole orders in step: 0 orphans, 0 other findings.", output.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(stock, await StockAsync());
        Assert.Equal(1, await Systems.Monolith.ScalarAsync("Payments", $"SELECT COUNT(*) FROM {{table}} WHERE \"OrderId\" = '{paymentOrder.ToString().ToUpperInvariant()}' AND \"Status\" = 'Voided'", "Payments"));
    }

    [Fact]
    public async Task What_is_younger_than_settle_is_in_flight_not_an_orphan()
    {
        await PlantReservationAsync(Guid.NewGuid(), quantity: 1);

        var (exit, output) = await Reconcile.RunAsync(Systems.Monolith, Systems.Ordering);

        Assert.True(exit == 0, output);
        Assert.Contains("Whole orders in step: 0 orphans, 0 other findings.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_placed_order_whose_payment_was_voided_is_found_and_left_to_a_person()
    {
        var order = await ReadJsonAsync(
            await Systems.Monolith.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 1 } } }),
            HttpStatusCode.Created);
        var orderId = (Guid)order["id"]!;
        await ReadJsonAsync(await Systems.Monolith.Admin.PostAsync($"/api/payments/{(Guid)order["paymentId"]!}/void", null), HttpStatusCode.OK);
        await Systems.Ordering.CatchUpAsync();

        var (exit, output) = await Reconcile.RunAsync(Systems.Monolith, Systems.Ordering, "--settle", "0", "--repair");

        Assert.True(exit == 1, output);
        Assert.Matches($@"placed-order-payment-released\s+{orderId}\s+placed, but its payment is Voided\s+\(needs a person\)", output);
        Assert.Contains("Nothing to repair.", output, StringComparison.Ordinal);
        Assert.EndsWith("Whole orders not in step: 0 orphan(s), 1 other finding(s).", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_is_for_orders_only()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Strangler.Cli.StranglerCli.RunAsync(
            ["reconcile", "--legacy", Systems.Monolith.BaseAddress.ToString(), "--candidate", Systems.Catalog.BaseAddress.ToString(), "--dataset", "products", "--repair"],
            output, error);

        Assert.Equal(2, exit);
        Assert.Contains("--repair works on --dataset orders only; got 'products'.", error.ToString(), StringComparison.Ordinal);
    }

    private async Task PlantReservationAsync(Guid reservationId, int quantity) =>
        await ReadJsonAsync(
            await Systems.Monolith.Admin.PostAsJsonAsync("/api/catalog/stock-reservations", new { reservationId, lines = new[] { new { sku = Sku, quantity } } }),
            HttpStatusCode.OK);

    private async Task PlantPaymentAsync(Guid orderId, decimal amount) =>
        await ReadJsonAsync(
            await Systems.Monolith.Admin.PostAsJsonAsync("/api/payments", new { orderId, amount = new { amount, currency = "EUR" } }),
            HttpStatusCode.Created);

    private async Task<int> StockAsync() =>
        (int)(await Systems.Monolith.Client.GetFromJsonAsync<JsonNode>($"/api/catalog/products/by-sku/{Sku}"))!["stockOnHand"]!;
}
