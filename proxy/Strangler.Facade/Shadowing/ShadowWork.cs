using Strangler.Comparison;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Shadowing;

/// <summary>Which way a copy goes: to the service while the monolith answers, or back to the monolith after cutover.</summary>
internal enum ShadowDirection
{
    ToService,
    ToLegacy,
}

/// <summary>
/// The request to copy, as kept while the primary answers: method, headers, body, and the path and
/// query exactly as the primary was forwarded (<see cref="Requests.ForwardedTarget"/>). <c>Host</c> is
/// the client's, when the side the copy goes to keeps it; null sends the destination's own.
/// </summary>
internal sealed record ShadowRequest(
    Capability Capability,
    ShadowDirection Direction,
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string[]>> Headers,
    ReadOnlyMemory<byte> Body,
    bool DryRun,
    string? Host = null)
{
    public Uri AddressAt(string destinationPrefix) => Requests.ForwardedTarget.At(destinationPrefix, Target);

    public string TargetCluster => Direction == ShadowDirection.ToService ? Capability.ServiceCluster : Capability.LegacyCluster;

    public string DirectionName => Direction == ShadowDirection.ToService ? "shadow" : "reverse-shadow";
}

/// <summary>
/// One request to copy, with the primary's answer already captured: all the worker needs, so that the
/// request itself is long finished when the copy is sent. <c>Caller</c> is who sent the primary, so a
/// mismatch counts toward the distinct callers the guardrails require. <c>HeldBytes</c> is what it
/// took from <see cref="ShadowMemory"/>, given back once its outcome is counted.
/// </summary>
internal sealed record ShadowWork(ShadowRequest Request, CapturedResponse Primary, string CorrelationId, bool LearnNoise, string Caller, long HeldBytes)
{
    public Capability Capability => Request.Capability;

    /// <summary>When the copy was queued (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
}
