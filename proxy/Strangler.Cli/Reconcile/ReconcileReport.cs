namespace Strangler.Cli.Reconcile;

/// <summary>The text a person reads: both counts, what kind of differences, then the first few, field by field.</summary>
internal static class ReconcileReport
{
    public static void Write(TextWriter output, ReconcileResult result, string legacy, string candidate, int show)
    {
        output.WriteLine($"Reconcile {result.Dataset}: legacy {legacy} has {result.LegacyRows} rows, candidate {candidate} has {result.CandidateRows}.");
        output.WriteLine(
            $"  matching {result.Matching}, differing {result.Count(Reconciliation.Differs)}, only in legacy {result.Count(Reconciliation.OnlyInLegacy)}, " +
            $"only in candidate {result.Count(Reconciliation.OnlyInCandidate)}, duplicate keys {result.Count(Reconciliation.DuplicateKey)}");
        var rows = result.Differences.Take(show).Select(d => (IReadOnlyList<string>)
        [
            d.Kind,
            d.Key,
            d.LegacyHash ?? "-",
            d.CandidateHash ?? "-",
            d.Fields.Count == 0 ? "" : string.Join("; ", d.Fields.Select(f => $"{f.Where} {f.Legacy ?? "(none)"} -> {f.Candidate ?? "(none)"}")),
        ]).ToList();
        if (rows.Count > 0)
        {
            TableWriter.Write(output, ["DIFFERENCE", "KEY", "LEGACY HASH", "CANDIDATE HASH", "FIELDS"], rows);
        }

        if (result.Differences.Count > rows.Count)
        {
            output.WriteLine($"  … and {result.Differences.Count - rows.Count} more (--show, or --json for all).");
        }

        output.WriteLine(result.InStep ? "In step: 0 differences." : $"Not in step: {result.Differences.Count} difference(s).");
    }
}
