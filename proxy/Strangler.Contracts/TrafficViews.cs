namespace Strangler.Contracts;

/// <summary>One side's traffic for a capability over a window: volume, share, server errors and latency (from histogram buckets).</summary>
public sealed record SideTraffic(string Cluster, long Requests, double RequestsPerSecond, double Share, long ServerErrors, double ErrorRate, double? P50Ms, double? P99Ms);

/// <summary>A capability's traffic over the last <see cref="WindowSeconds"/> on this replica, and its shadow comparisons.</summary>
public sealed record TrafficView(
    string Capability, int WindowSeconds, SideTraffic Legacy, SideTraffic Service, long Compared, long Mismatched, double MismatchRate, long ShadowErrors, long Dropped);

/// <summary>How far the migration has come: the share of the façade's proxied traffic, and of the manifest's routes, that services answer.</summary>
public sealed record MigrationProgress(
    int WindowSeconds,
    long Requests,
    double ServedByServices,
    int Routes,
    int RoutesOnServices,
    IReadOnlyDictionary<string, int> CapabilitiesByMode);

/// <summary>
/// A capability's last hour on this replica, for the dashboard's charts: a point per
/// <see cref="BucketSeconds"/> that saw traffic, per side (the legacy and service clusters, and the
/// shadow copies), the mismatch rate of the copies compared, and the mode switches and guardrail
/// actions of the hour.
/// </summary>
public sealed record CapabilityHistory(
    string Capability, int BucketSeconds, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<SideHistory> Sides, IReadOnlyList<MismatchPoint> Mismatches, IReadOnlyList<HistoryEvent> Events);

/// <summary>One side's points. <see cref="Role"/>: <c>legacy</c>, <c>service</c> or <c>shadow</c> (the copies, timed from sending to the answer read).</summary>
public sealed record SideHistory(string Side, string Role, IReadOnlyList<HistoryPoint> Points);

/// <summary>Requests per second over the bucket, and the bucket's p50 and p99 (histogram bucket bounds, ms).</summary>
public sealed record HistoryPoint(DateTimeOffset At, double RequestsPerSecond, double? P50Ms, double? P99Ms);

/// <summary>Copies compared in a bucket, how many mismatched, and the rate.</summary>
public sealed record MismatchPoint(DateTimeOffset At, long Compared, long Mismatched, double Rate);

/// <summary>Something that happened to the capability: <c>mode</c> (a switch by an operator) or <c>guardrail</c> (an automatic rollback).</summary>
public sealed record HistoryEvent(DateTimeOffset At, string Kind, string Text);
