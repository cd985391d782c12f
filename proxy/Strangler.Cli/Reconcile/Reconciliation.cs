using System.Text.Json;
using Strangler.Comparison;

namespace Strangler.Cli.Reconcile;

/// <summary>One row that is not the same on both sides, and where (JSON pointers) when it is on both.</summary>
internal sealed record RowDifference(string Key, string Kind, string? LegacyHash, string? CandidateHash, IReadOnlyList<Difference> Fields);

/// <summary>The outcome of comparing two sides' copies of one dataset; in step when there are no differences.</summary>
internal sealed record ReconcileResult(string Dataset, int LegacyRows, int CandidateRows, int Matching, IReadOnlyList<RowDifference> Differences)
{
    public bool InStep => Differences.Count == 0;

    public int Count(string kind) => Differences.Count(d => d.Kind == kind);
}

/// <summary>Counts, then row by row: matched by key, equal when their canonical hashes are; else the comparer names the fields.</summary>
internal static class Reconciliation
{
    public const string OnlyInLegacy = "only-in-legacy";
    public const string OnlyInCandidate = "only-in-candidate";
    public const string Differs = "differs";
    public const string DuplicateKey = "duplicate-key";

    public static ReconcileResult Compare(
        string dataset, IReadOnlyList<JsonElement> legacy, IReadOnlyList<JsonElement> candidate, string keyField, ComparisonRules rules)
    {
        var differences = new List<RowDifference>();
        var legacyRows = Index(legacy, keyField, differences, "legacy");
        var candidateRows = Index(candidate, keyField, differences, "candidate");
        var comparer = new ResponseComparer(rules);
        var matching = 0;
        foreach (var (key, row) in legacyRows.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!candidateRows.TryGetValue(key, out var other))
            {
                differences.Add(new RowDifference(key, OnlyInLegacy, RowDigest.Of(row), null, []));
                continue;
            }

            var (legacyHash, candidateHash) = (RowDigest.Of(row), RowDigest.Of(other));
            var fields = legacyHash == candidateHash
                ? []
                : comparer.Compare(Answer(row), Answer(other)).Differences;
            if (fields.Count == 0)
            {
                matching++;
            }
            else
            {
                differences.Add(new RowDifference(key, Differs, legacyHash, candidateHash, fields));
            }
        }

        differences.AddRange(candidateRows.Keys.Where(key => !legacyRows.ContainsKey(key)).Order(StringComparer.Ordinal)
            .Select(key => new RowDifference(key, OnlyInCandidate, null, RowDigest.Of(candidateRows[key]), [])));
        return new ReconcileResult(dataset, legacy.Count, candidate.Count, matching, differences);
    }

    private static Dictionary<string, JsonElement> Index(IReadOnlyList<JsonElement> rows, string keyField, List<RowDifference> differences, string side)
    {
        var index = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = RowDigest.Key(row, keyField);
            if (!index.TryAdd(key, row))
            {
                differences.Add(new RowDifference(key, DuplicateKey, side == "legacy" ? RowDigest.Of(row) : null, side == "candidate" ? RowDigest.Of(row) : null, []));
            }
        }

        return index;
    }

    private static CapturedResponse Answer(JsonElement row) => CapturedResponse.Of(200, "application/json", row.GetRawText());
}
