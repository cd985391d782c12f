namespace Strangler.Comparison;

/// <summary>
/// What counts as "the same" for one capability. Paths are JSON paths: <c>$.a.b</c>, <c>$.items[*].id</c>,
/// <c>$.items[0]</c>, <c>$['odd.name']</c>, <c>$.*</c> and <c>$..generatedAt</c> (at any depth).
/// </summary>
/// <param name="IgnorePaths">Places whose value never counts: timestamps, trace ids, anything each call makes anew.</param>
/// <param name="UnorderedArrays">Arrays compared as sets; with a <see cref="UnorderedArray.Key"/> their elements are paired by that member.</param>
/// <param name="NumericTolerance">Numbers this close count as equal (absolute difference).</param>
/// <param name="NormalizeTimes">ISO 8601 date-times count as equal when they are the same instant at <paramref name="TimePrecision"/>, whatever their offset or digits.</param>
/// <param name="TimePrecision">The precision times are compared at.</param>
/// <param name="CaseInsensitivePaths">Strings here compare without regard to case.</param>
/// <param name="Headers">Response headers compared (by name, case-insensitive); others are not.</param>
/// <param name="MaxJsonBytes">Bodies larger than this are compared by SHA-256, not parsed.</param>
public sealed record ComparisonRules(
    IReadOnlyList<string> IgnorePaths,
    IReadOnlyList<UnorderedArray> UnorderedArrays,
    decimal NumericTolerance,
    bool NormalizeTimes,
    TimeSpan TimePrecision,
    IReadOnlyList<string> CaseInsensitivePaths,
    IReadOnlyList<string> Headers,
    int MaxJsonBytes)
{
    public const int DefaultMaxJsonBytes = 1024 * 1024;

    /// <summary>Exact comparison of status and body; Content-Type compared by media type.</summary>
    public static ComparisonRules Strict { get; } = new([], [], 0, false, TimeSpan.FromMilliseconds(1), [], [], DefaultMaxJsonBytes);

    /// <summary>These rules with more paths ignored, e.g. those learned as noise.</summary>
    public ComparisonRules Ignoring(IEnumerable<string> paths) => this with { IgnorePaths = [.. IgnorePaths, .. paths] };

    /// <summary>Every path of these rules that is not a valid JSON path, with why.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var path in IgnorePaths.Concat(UnorderedArrays.Select(a => a.Path)).Concat(CaseInsensitivePaths))
        {
            if (!JsonPathPattern.TryParse(path, out _, out var error))
            {
                problems.Add($"'{path}': {error}");
            }
        }

        if (NumericTolerance < 0)
        {
            problems.Add($"the numeric tolerance must be 0 or more; got {NumericTolerance}.");
        }

        if (TimePrecision <= TimeSpan.Zero)
        {
            problems.Add($"the time precision must be above zero; got {TimePrecision}.");
        }

        if (MaxJsonBytes < 1)
        {
            problems.Add($"the largest parsed body must be at least 1 byte; got {MaxJsonBytes}.");
        }

        return problems;
    }
}

/// <summary>An array compared without regard to order; elements paired by <see cref="Key"/> when given.</summary>
public sealed record UnorderedArray(string Path, string? Key = null);
