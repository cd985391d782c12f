using Strangler.Comparison;
using Strangler.Contracts;

namespace Strangler.Facade.Settings;

/// <summary>
/// The façade's whole routing model, read from the <c>Strangler</c> configuration section: the clusters,
/// the capabilities and how a request names its user. Immutable; a reload builds a new one.
/// </summary>
internal sealed record CapabilityManifest(
    string DefaultCluster,
    IReadOnlyDictionary<string, ClusterDefinition> Clusters,
    IReadOnlyList<Capability> Capabilities,
    TargetingOptions Targeting,
    IdentitySettings Identity)
{
    private readonly Dictionary<string, Capability> _byName =
        Capabilities.ToDictionary(capability => capability.Name, StringComparer.Ordinal);

    public Capability? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Whether a destination of <paramref name="cluster"/> gets the client's Host (its <c>Host</c> setting; Client by default, and for a cluster not in the manifest).</summary>
    public bool KeepsClientHost(string cluster) => Clusters.GetValueOrDefault(cluster) is not { ClientHost: false };

    /// <summary>Every destination's origin (<c>scheme://host:port</c>, lower case): what an absolute link pointing past the façade starts with.</summary>
    public IReadOnlySet<string> BackendOrigins { get; } = Clusters.Values
        .SelectMany(cluster => cluster.Destinations)
        .Select(destination => destination.GetLeftPart(UriPartial.Authority).ToLowerInvariant())
        .ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// A backend: the monolith or a service. Health checks and the timeout apply to every destination; a
/// destination that failed under traffic stays out for <see cref="ReactivationPeriod"/> unless an
/// active check brings it back sooner. With <see cref="ClientHost"/> (the default) a destination gets
/// the Host the client sent, so links it builds from Host name the façade.
/// </summary>
internal sealed record ClusterDefinition(
    string Name,
    IReadOnlyList<Uri> Destinations,
    string? HealthPath,
    TimeSpan HealthInterval,
    TimeSpan HealthTimeout,
    TimeSpan RequestTimeout,
    TimeSpan ReactivationPeriod,
    bool ClientHost = true);

/// <summary>
/// One capability: the routes it owns, the two sides that can answer it, how they are compared and
/// shadowed, the fraction of its requests recorded for replay, and its guardrails.
/// </summary>
internal sealed record Capability(
    string Name,
    IReadOnlyList<CapabilityRoute> Routes,
    string LegacyCluster,
    string ServiceCluster,
    bool FallbackToLegacy,
    CapabilityState InitialState,
    ComparisonRules Compare,
    ShadowSettings Shadow,
    double Record,
    GuardrailSettings Guardrails,
    AuthMode Auth = AuthMode.None);

/// <summary>
/// How a capability is shadowed. In Shadow mode the service gets a copy of <see cref="SampleRate"/> of
/// the requests; in Service mode the monolith does, when <see cref="ReverseInServiceMode"/>. Writes are
/// copied only as dry-runs, and only when <see cref="DryRunWrites"/>. With <see cref="LearnNoise"/>, a
/// sample of reads is asked of the legacy side twice, and what differs is learned as noise. A request
/// whose body is larger than <see cref="MaxBodyBytes"/> (when set; else <c>Strangler:Shadow:MaxRequestBodyBytes</c>)
/// is not copied.
/// </summary>
internal sealed record ShadowSettings(double SampleRate, TimeSpan Timeout, bool DryRunWrites, bool ReverseInServiceMode, double LearnNoise, int? MaxBodyBytes = null)
{
    public static ShadowSettings Default { get; } = new(1.0, TimeSpan.FromSeconds(5), false, true, 0);
}

/// <summary>A path pattern in ASP.NET route syntax and the methods it takes; no methods means all.</summary>
internal sealed record CapabilityRoute(string Path, IReadOnlyList<string> Methods);

/// <summary>
/// Where the targeting context comes from: a user id from the verified token's claim (or a header the
/// façade trusts), groups from group claims (or headers; a tenant is targeted as a group). Headers count
/// where <see cref="TrustHeaders"/> says so, and by default only on routes whose Auth is None: a client
/// can set a header, not a signed claim. Without a user id the client address stands in, so that
/// anonymous callers are still spread by percentage and stay on one side.
/// </summary>
internal sealed record TargetingOptions(
    string UserHeader,
    string? UserClaim,
    IReadOnlyList<string> GroupHeaders,
    IReadOnlyList<string> GroupClaims,
    bool UseClientAddressWhenAnonymous,
    bool? TrustHeaders = null)
{
    public static TargetingOptions Default { get; } = new("X-User-Id", "sub", ["X-User-Groups", "X-Tenant-Id"], ["groups", "roles"], true);

    /// <summary>Whether the user and group headers count on a route with this <paramref name="auth"/>.</summary>
    public bool HeadersCount(AuthMode auth) => TrustHeaders ?? auth == AuthMode.None;
}
