namespace Strangler.Cli.Reconcile;

/// <summary>
/// Reads what the whole-order check needs from the legacy side (its <c>payments</c> and
/// <c>stock-reservations</c> exports) and checks the orders both sides hold against them. Null when
/// the legacy side exports neither: a system of your own that keeps them elsewhere is not judged by them.
/// </summary>
internal static class WholeOrderReader
{
    public const string Payments = "payments";
    public const string StockReservations = "stock-reservations";

    public static async Task<WholeOrderResult?> CheckAsync(
        ExportReader legacy, IReadOnlyList<System.Text.Json.JsonElement> legacyOrders, IReadOnlyList<System.Text.Json.JsonElement> candidateOrders,
        TimeSpan settle, CancellationToken cancellationToken)
    {
        // Read before the exports, so anything the exports show that is younger than the cut-off counts as in flight.
        var settledBefore = DateTime.UtcNow - settle;
        var payments = await legacy.ReadAllOrNullAsync(Payments, cancellationToken);
        var reservations = await legacy.ReadAllOrNullAsync(StockReservations, cancellationToken);
        return payments is null || reservations is null
            ? null
            : WholeOrderCheck.Check(legacyOrders, candidateOrders, payments, reservations, settledBefore);
    }
}
