namespace Strangler.Comparison;

/// <summary>What kind of difference a <see cref="Difference"/> is.</summary>
public enum DifferenceKind
{
    /// <summary>The status codes differ.</summary>
    Status,

    /// <summary>A compared header differs or is on one side only.</summary>
    Header,

    /// <summary>The media types differ (charset and other parameters aside).</summary>
    ContentType,

    /// <summary>A JSON member or element the legacy side has and the candidate lacks.</summary>
    Missing,

    /// <summary>A JSON member or element only the candidate has.</summary>
    Extra,

    /// <summary>The same place holds different JSON kinds (a string against a number, say).</summary>
    Type,

    /// <summary>The same place holds different values.</summary>
    Value,

    /// <summary>Bodies that are not JSON (or too large to parse) differ byte-wise; the values are lengths and hashes.</summary>
    Bytes,

    /// <summary>A side declared JSON but sent something that does not parse.</summary>
    InvalidJson,
}

/// <summary>
/// One difference. <see cref="Where"/> is a JSON pointer (RFC 6901, "" for the whole body) for body
/// differences, the header's name for headers, and "status" for the status code. Values are JSON
/// text, cut to a readable length.
/// </summary>
public sealed record Difference(DifferenceKind Kind, string Where, string? Legacy, string? Candidate);

/// <summary>The outcome of one comparison; <see cref="Matched"/> when nothing differs beyond the rules.</summary>
public sealed record ComparisonResult(IReadOnlyList<Difference> Differences)
{
    public bool Matched => Differences.Count == 0;
}

/// <summary>How a difference reads in one line, wherever it is shown: the mismatch list, the façade's log, a failing golden case.</summary>
public static class DifferenceText
{
    /// <summary>e.g. <c>Value /items/4/price/amount: 12.25 -> 12.3</c>.</summary>
    public static string Describe(this Difference difference) =>
        $"{difference.Kind} {(difference.Where.Length == 0 ? "(body)" : difference.Where)}: {difference.Legacy ?? "(none)"} -> {difference.Candidate ?? "(none)"}";
}
