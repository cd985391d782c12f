using System.Globalization;
using System.Text;

namespace Strangler.Bench.Drill;

/// <summary>The figures of one drill: what was written and how it was answered, what was killed, what recovery did, and what reconcile found after.</summary>
internal sealed record DrillReport(
    DrillOptions Options,
    IReadOnlyDictionary<(string Kind, string Outcome), int> Writes,
    int MonolithKills,
    int OrderingKills,
    int ModeSwitches,
    int RecoveredPlacements,
    int FinishedCancellations,
    int Differences,
    int Orphans,
    int OtherFindings,
    TimeSpan Elapsed,
    string ReconcileOutput)
{
    public bool Passed => Differences == 0 && Orphans == 0 && OtherFindings == 0;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var database = Options.Postgres ? "PostgreSQL" : "SQLite";
        text.AppendLine(CultureInfo.InvariantCulture, $"## Crash drill on {database}: {(Passed ? "passed" : "FAILED")}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Options.Writes} writes by {Options.Writers} writers through the façade, seed {Options.Seed}, in {Elapsed.TotalSeconds:0} s.");
        text.AppendLine();
        text.AppendLine("| write | accepted | refused | failed |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var kind in new[] { DrillWriters.Place, DrillWriters.Cancel, DrillWriters.Pay })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {Of(kind, "accepted")} | {Of(kind, "refused")} | {Of(kind, "failed")} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **all** | {Sum("accepted")} | {Sum("refused")} | {Sum("failed")} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Orders placed by the monolith: {PlacedBy("monolith")}; by ordering-service: {PlacedBy("ordering-service")}.");
        text.AppendLine();
        text.AppendLine("| kills (SIGKILL) | mode switches | placements undone by recovery | cancellations finished by recovery | differences | orphans | other findings |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {MonolithKills + OrderingKills} (monolith {MonolithKills}, ordering-service {OrderingKills}) | {ModeSwitches} | {RecoveredPlacements} | {FinishedCancellations} | {Differences} | {Orphans} | {OtherFindings} |");
        return text.ToString();
    }

    private int Of(string kind, string outcome) => Writes.GetValueOrDefault((kind, outcome));

    public int PlacedBy(string side) => Writes.GetValueOrDefault((DrillWriters.PlacedBy, side));

    private int Sum(string outcome) => Writes.Where(pair => pair.Key.Kind != DrillWriters.PlacedBy && pair.Key.Outcome == outcome).Sum(pair => pair.Value);
}
