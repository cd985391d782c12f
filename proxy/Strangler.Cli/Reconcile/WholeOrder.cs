namespace Strangler.Cli.Reconcile;

/// <summary>
/// One thing about an order, its stock reservation or its payment that should not be so. An orphan is a
/// reservation or payment with no order, or an order with no payment; the other kinds are an order whose
/// status and holdings disagree. <see cref="Repair"/> says what <c>--repair</c> does about it, or is null
/// when it needs a person.
/// </summary>
internal sealed record OrderFinding(string Kind, Guid OrderId, string Detail, string? Repair)
{
    public bool IsOrphan => Kind is WholeOrderCheck.ReservationWithoutOrder or WholeOrderCheck.PaymentWithoutOrder or WholeOrderCheck.OrderWithoutPayment;
}

/// <summary>What the whole-order check read and found; clean when nothing was found.</summary>
internal sealed record WholeOrderResult(int Orders, int Payments, int ReservationLines, DateTime SettledBefore, IReadOnlyList<OrderFinding> Findings)
{
    public int Orphans => Findings.Count(f => f.IsOrphan);

    public bool Clean => Findings.Count == 0;
}

/// <summary>One repair <c>--repair</c> made, and how it went.</summary>
internal sealed record RepairOutcome(Guid OrderId, string Repair, bool Done, string? Problem);

/// <summary>The JSON <c>reconcile --dataset orders</c> prints: the row comparison, the whole-order check, and any repairs with the check after them.</summary>
internal sealed record OrdersReconcileResult(ReconcileResult Rows, WholeOrderResult? WholeOrder, IReadOnlyList<RepairOutcome> Repairs, WholeOrderResult? AfterRepair);
