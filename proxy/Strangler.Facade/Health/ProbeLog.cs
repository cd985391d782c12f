using System.Collections.Concurrent;

namespace Strangler.Facade.Health;

/// <summary>The last active probe of one destination: when, whether it passed, and what it got ("200", "404 Not Found", "connection refused").</summary>
internal sealed record ProbeResult(DateTimeOffset At, bool Passed, string Outcome);

/// <summary>
/// The last probe result per destination, kept so that a destination's health comes with its reason:
/// "Unhealthy" alone sent users guessing, "Unhealthy: GET /health answered 404 Not Found" does not.
/// </summary>
internal sealed class ProbeLog
{
    private readonly ConcurrentDictionary<(string Cluster, string Destination), ProbeResult> _last = new();

    public void Record(string cluster, string destination, ProbeResult result) => _last[(cluster, destination)] = result;

    public ProbeResult? LastOf(string cluster, string destination) => _last.GetValueOrDefault((cluster, destination));
}
