using System.Text.Json;

namespace Strangler.Comparison;

/// <summary>
/// Learned noise, as Diffy does it: ask the legacy side the same question twice; whatever differs
/// between its two answers cannot be the candidate's fault. Each place is generalised over array
/// indices (<c>/items/3/at</c> becomes <c>$.items[*].at</c>) so it can be ignored from then on, and
/// listed for a person to review.
/// </summary>
public static class NoiseLearner
{
    /// <summary>The JSON paths (and header names) where two legacy answers to one request differ.</summary>
    public static LearnedNoise Learn(CapturedResponse first, CapturedResponse second, ComparisonRules rules)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var headers = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var comparer = new ResponseComparer(rules);
        foreach (var difference in comparer.Compare(first, second).Differences)
        {
            switch (difference.Kind)
            {
                case DifferenceKind.Header:
                    headers.Add(difference.Where);
                    break;
                case DifferenceKind.Missing or DifferenceKind.Extra or DifferenceKind.Type or DifferenceKind.Value:
                    paths.Add(GeneralPath(difference.Where));
                    break;
            }
        }

        return new LearnedNoise([.. paths], [.. headers]);
    }

    private static string GeneralPath(string pointer)
    {
        var steps = new List<PathStep>();
        foreach (var token in pointer.Split('/').Skip(1))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            // A pointer does not say whether "3" is an index or a member name; in API answers a bare number is an index.
            steps.Add(int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                ? new PathStep(null, index)
                : new PathStep(name, 0));
        }

        return PathStep.GeneralPath(steps);
    }
}

/// <summary>Places that differ between two answers of the legacy side itself.</summary>
public sealed record LearnedNoise(IReadOnlyList<string> Paths, IReadOnlyList<string> Headers)
{
    public bool IsEmpty => Paths.Count == 0 && Headers.Count == 0;

    /// <summary>The rules with these paths ignored and these headers no longer compared.</summary>
    public ComparisonRules ApplyTo(ComparisonRules rules) =>
        rules.Ignoring(Paths) with { Headers = rules.Headers.Where(h => !Headers.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList() };

    public override string ToString() => JsonSerializer.Serialize(this);
}
