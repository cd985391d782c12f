using Strangler.Comparison;

namespace Strangler.Contracts;

/// <summary>What shadowing a capability has found since this façade replica started.</summary>
/// <param name="Capability">The capability's name.</param>
/// <param name="Compared">Copies whose answer was compared with the primary's.</param>
/// <param name="Matched">Of those, the ones with no difference beyond the rules.</param>
/// <param name="Mismatched">Of those, the ones with at least one difference (each is stored).</param>
/// <param name="Errors">Copies that got no answer: the other side was down, failed or too slow.</param>
/// <param name="Dropped">Copies not sent because the shadow queue was full.</param>
/// <param name="Skipped">Requests not copied: writes without dry-run, bodies over the limit, primaries that failed or were aborted.</param>
/// <param name="LearnedNoise">JSON paths learned as noise from two legacy answers to one request; ignored from then on.</param>
/// <param name="Pending">Copies queued that have no outcome yet; 0 once every copy taken so far is counted above.</param>
/// <param name="SkippedBecause">The skipped requests by reason (write-not-dry-run, body-over-limit, primary-failed, path-not-claimed, writes-stopped).</param>
/// <param name="DroppedBecause">The dropped copies by reason (queue-full, queue-bytes-full).</param>
/// <param name="DryRunsNotHonoured">Dry-run copies whose answer lacked a valid acknowledgement: the other side may have written for real.</param>
/// <param name="WriteCopiesStopped">True once a dry run was not honoured, until an operator resumes write copies for this capability.</param>
/// <param name="ShedLevel">The share of copies being shed now, 0 to 1: the façade is short of CPU or the primary slowed down (each shed copy is counted as dropped, reason <c>shed</c>).</param>
public sealed record ComparisonStats(
    string Capability, long Compared, long Matched, long Mismatched, long Errors, long Dropped, long Skipped, IReadOnlyList<string> LearnedNoise,
    long Pending = 0,
    IReadOnlyDictionary<string, long>? SkippedBecause = null,
    IReadOnlyDictionary<string, long>? DroppedBecause = null,
    long DryRunsNotHonoured = 0,
    bool WriteCopiesStopped = false,
    double ShedLevel = 0);

/// <summary>One stored mismatch, as listed.</summary>
public sealed record MismatchSummary(
    long Id, DateTimeOffset At, string Capability, string Method, string Target, string Direction,
    int LegacyStatus, int CandidateStatus, int DifferenceCount, string FirstDifference);

/// <summary>One stored mismatch in full: both answers (cut to a stored size) and every difference.</summary>
public sealed record MismatchDetail(
    long Id, DateTimeOffset At, string Capability, string Method, string Target, string Direction, string? CorrelationId,
    int LegacyStatus, int CandidateStatus, string LegacyBody, string CandidateBody, IReadOnlyList<Difference> Differences);
