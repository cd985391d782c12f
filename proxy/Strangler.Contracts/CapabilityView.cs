namespace Strangler.Contracts;

/// <summary>One capability as the admin API shows it: the manifest's definition, the stored state and the health of both sides.</summary>
public sealed record CapabilityView(
    string Name,
    CapabilityState State,
    long Version,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    string LegacyCluster,
    string ServiceCluster,
    bool FallbackToLegacy,
    IReadOnlyList<RouteView> Routes,
    ClusterHealth LegacyHealth,
    ClusterHealth ServiceHealth,
    IReadOnlyList<DestinationHealthView>? Destinations = null);

/// <summary>
/// One destination of a capability's side: its active and passive health as routing sees them, and
/// the last active probe (when, and what it got: "answered 404 Not Found", "failed: connection refused").
/// </summary>
public sealed record DestinationHealthView(string Cluster, string Address, string Active, string Passive, DateTimeOffset? ProbedAt, string? LastProbe);

/// <summary>A route of a capability: a path pattern and the methods it takes (all methods when empty).</summary>
public sealed record RouteView(string Path, IReadOnlyList<string> Methods);

/// <summary>How the façade sees a cluster: healthy when at least one destination may take traffic.</summary>
public enum ClusterHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}
