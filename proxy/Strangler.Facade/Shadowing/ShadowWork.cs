using Strangler.Comparison;
using Strangler.Facade.Manifest;

namespace Strangler.Facade.Shadowing;

/// <summary>Which way a copy goes: to the service while the monolith answers, or back to the monolith after cutover.</summary>
internal enum ShadowDirection
{
    ToService,
    ToLegacy,
}

/// <summary>
/// One request to copy, with the primary's answer already captured: all the worker needs, so that the
/// request itself is long finished when the copy is sent.
/// </summary>
internal sealed record ShadowWork(
    Capability Capability,
    ShadowDirection Direction,
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string[]>> Headers,
    ReadOnlyMemory<byte> Body,
    bool DryRun,
    HttpAnswer Primary,
    string CorrelationId,
    bool LearnNoise)
{
    public string TargetCluster => Direction == ShadowDirection.ToService ? Capability.ServiceCluster : Capability.LegacyCluster;

    public string DirectionName => Direction == ShadowDirection.ToService ? "shadow" : "reverse-shadow";
}
