namespace Strangler.Facade.Persistence;

/// <summary>One shadow comparison that found a difference: the request, both answers (cut) and the differences as JSON.</summary>
internal sealed class MismatchRow
{
    /// <summary>Characters of each answer kept; a mismatch is for reading, not for replaying.</summary>
    public const int MaxStoredBody = 16 * 1024;

    public const int MaxStoredDifferences = 64 * 1024;

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Capability { get; set; }

    public required string Method { get; set; }

    public required string Target { get; set; }

    public required string Direction { get; set; }

    public string? CorrelationId { get; set; }

    public int LegacyStatus { get; set; }

    public int CandidateStatus { get; set; }

    public required string LegacyBody { get; set; }

    public required string CandidateBody { get; set; }

    public int DifferenceCount { get; set; }

    public required string FirstDifference { get; set; }

    /// <summary>Every difference, as a JSON array.</summary>
    public required string Differences { get; set; }

    /// <summary>
    /// What a golden case needs beyond the columns above (the redacted request, the legacy answer's media
    /// type and compared headers, the rules in force), as JSON; or, where the case cannot be made, why.
    /// Null on mismatches stored before golden cases were kept.
    /// </summary>
    public string? Golden { get; set; }
}
