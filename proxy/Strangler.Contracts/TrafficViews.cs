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
