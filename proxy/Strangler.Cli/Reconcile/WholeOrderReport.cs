namespace Strangler.Cli.Reconcile;

/// <summary>The whole-order check as a person reads it: what was read, how many orphans, then each finding by order id.</summary>
internal static class WholeOrderReport
{
    public static void Write(TextWriter output, WholeOrderResult result, string legacy, int show)
    {
        output.WriteLine(
            $"Whole orders: {result.Orders} orders on both sides, against {result.Payments} payments and {result.ReservationLines} reservation lines at {legacy}.");
        var rows = result.Findings.Take(show)
            .Select(f => (IReadOnlyList<string>)[f.Kind, f.OrderId.ToString(), f.Detail, f.Repair ?? "(needs a person)"]).ToList();
        if (rows.Count > 0)
        {
            TableWriter.Write(output, ["FINDING", "ORDER", "DETAIL", "REPAIR"], rows);
        }

        if (result.Findings.Count > rows.Count)
        {
            output.WriteLine($"  … and {result.Findings.Count - rows.Count} more (--show, or --json for all).");
        }

        output.WriteLine(result.Clean
            ? "Whole orders in step: 0 orphans, 0 other findings."
            : $"Whole orders not in step: {result.Orphans} orphan(s), {result.Findings.Count - result.Orphans} other finding(s).");
    }

    public static void WritePlan(TextWriter output, IReadOnlyList<(OrderFinding Finding, string Repair)> plan)
    {
        output.WriteLine(plan.Count == 0 ? "Nothing to repair." : $"Repairing {plan.Count}, in this order:");
        foreach (var (finding, repair) in plan)
        {
            output.WriteLine($"  {repair} of order {finding.OrderId} ({finding.Kind})");
        }
    }

    public static void WriteOutcome(TextWriter output, RepairOutcome outcome) =>
        output.WriteLine(outcome.Done
            ? $"  done: {outcome.Repair} of order {outcome.OrderId}"
            : $"  failed: {outcome.Repair} of order {outcome.OrderId}: {outcome.Problem}");
}
