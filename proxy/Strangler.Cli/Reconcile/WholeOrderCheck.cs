using System.Globalization;
using System.Text.Json;

namespace Strangler.Cli.Reconcile;

/// <summary>
/// Holds every order (from both sides: whichever holds the newer version of it speaks for it) against
/// the payments and stock reservations the legacy side keeps, matched by the order's id. Anything
/// changed after <c>settledBefore</c> is left out: a placement still in flight holds stock and money
/// for an order not saved yet, and is not an orphan.
/// </summary>
internal static class WholeOrderCheck
{
    public const string ReservationWithoutOrder = "reservation-without-order";
    public const string PaymentWithoutOrder = "payment-without-order";
    public const string OrderWithoutPayment = "order-without-payment";
    public const string CancelledOrderHoldsPayment = "cancelled-order-holds-payment";
    public const string CancelledOrderHoldsStock = "cancelled-order-holds-stock";
    public const string PlacedOrderPaymentReleased = "placed-order-payment-released";
    public const string PlacedOrderStockReleased = "placed-order-stock-released";

    public const string ReleaseStock = "release stock";
    public const string ReleasePayment = "release payment";

    private static readonly HashSet<string> LivePayment = new(["Authorised", "Captured", "PartiallyRefunded"], StringComparer.Ordinal);

    public static WholeOrderResult Check(
        IReadOnlyList<JsonElement> legacyOrders, IReadOnlyList<JsonElement> candidateOrders,
        IReadOnlyList<JsonElement> payments, IReadOnlyList<JsonElement> reservationLines, DateTime settledBefore)
    {
        var orders = Newest(legacyOrders.Concat(candidateOrders));
        var paymentsByOrder = payments.Select(Payment.From).GroupBy(p => p.OrderId).ToDictionary(g => g.Key, g => g.ToList());
        var reservations = reservationLines.Select(Line.From).GroupBy(l => l.ReservationId).ToDictionary(g => g.Key, g => g.ToList());
        var findings = new List<OrderFinding>();

        foreach (var (id, lines) in reservations)
        {
            var open = lines.Where(l => l.ReleasedAt is null).ToList();
            if (!orders.ContainsKey(id) && open.Count > 0 && open.Max(l => l.ReservedAt) < settledBefore)
            {
                findings.Add(new(ReservationWithoutOrder, id, $"{open.Sum(l => l.Quantity)} unit(s) on {open.Count} line(s) held since {Time(open.Min(l => l.ReservedAt))}", ReleaseStock));
            }
        }

        foreach (var (id, held) in paymentsByOrder)
        {
            foreach (var payment in held.Where(p => LivePayment.Contains(p.Status) && p.UpdatedAt < settledBefore))
            {
                if (!orders.ContainsKey(id))
                {
                    findings.Add(new(PaymentWithoutOrder, id, $"payment {payment.Id} {payment.Status} {payment.Amount}", ReleasePayment));
                }
            }
        }

        foreach (var order in orders.Values.Where(o => o.ChangedAt < settledBefore).OrderBy(o => o.Id))
        {
            var held = paymentsByOrder.GetValueOrDefault(order.Id) ?? [];
            var lines = reservations.GetValueOrDefault(order.Id) ?? [];
            var livePayment = held.FirstOrDefault(p => LivePayment.Contains(p.Status));
            var openLines = lines.Where(l => l.ReleasedAt is null).ToList();
            if (held.All(p => p.Id != order.PaymentId))
            {
                findings.Add(new(OrderWithoutPayment, order.Id, $"{order.Status} order names payment {order.PaymentId}, which the legacy side does not hold", null));
            }
            else if (order.Status == "Cancelled" && livePayment is not null)
            {
                findings.Add(new(CancelledOrderHoldsPayment, order.Id, $"cancelled at {Time(order.ChangedAt)}; payment {livePayment.Id} is still {livePayment.Status}", ReleasePayment));
            }
            else if (order.Status == "Placed" && livePayment is null)
            {
                findings.Add(new(PlacedOrderPaymentReleased, order.Id, $"placed, but its payment is {held.First(p => p.Id == order.PaymentId).Status}", null));
            }

            if (order.Status == "Cancelled" && openLines.Count > 0)
            {
                findings.Add(new(CancelledOrderHoldsStock, order.Id, $"cancelled at {Time(order.ChangedAt)}; {openLines.Sum(l => l.Quantity)} unit(s) still reserved", ReleaseStock));
            }
            else if (order.Status == "Placed" && lines.Count > 0 && openLines.Count == 0)
            {
                findings.Add(new(PlacedOrderStockReleased, order.Id, "placed, but its stock reservation is released", null));
            }
        }

        return new WholeOrderResult(orders.Count, payments.Count, reservationLines.Count, settledBefore,
            [.. findings.OrderBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.OrderId)]);
    }

    private static Dictionary<Guid, Order> Newest(IEnumerable<JsonElement> rows)
    {
        var newest = new Dictionary<Guid, Order>();
        foreach (var order in rows.Select(Order.From))
        {
            if (!newest.TryGetValue(order.Id, out var seen) || order.Version > seen.Version)
            {
                newest[order.Id] = order;
            }
        }

        return newest;
    }

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record Order(Guid Id, string Status, Guid PaymentId, long Version, DateTime ChangedAt)
    {
        public static Order From(JsonElement row) =>
            new(Field.Guid(row, "id"), Field.Text(row, "status"), Field.Guid(row, "paymentId"), Field.Long(row, "version"),
                Field.OptionalTime(row, "cancelledAt") ?? Field.Time(row, "placedAt"));
    }

    private sealed record Payment(Guid Id, Guid OrderId, string Status, string Amount, DateTime UpdatedAt)
    {
        public static Payment From(JsonElement row) =>
            new(Field.Guid(row, "id"), Field.Guid(row, "orderId"), Field.Text(row, "status"), Field.Money(row, "authorised"), Field.Time(row, "updatedAt"));
    }

    private sealed record Line(Guid ReservationId, int Quantity, DateTime ReservedAt, DateTime? ReleasedAt)
    {
        public static Line From(JsonElement row) =>
            new(Field.Guid(row, "reservationId"), (int)Field.Long(row, "quantity"), Field.Time(row, "reservedAt"), Field.OptionalTime(row, "releasedAt"));
    }
}
