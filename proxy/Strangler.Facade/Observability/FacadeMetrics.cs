using System.Diagnostics;
using System.Diagnostics.Metrics;
using Strangler.Contracts;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Observability;

/// <summary>
/// The façade's own numbers on the <c>Strangler.Facade</c> meter: every proxied request by capability,
/// mode, serving side and status, its duration per side, and every flag change. The Prometheus
/// endpoint exports them, and whatever the façade shows or decides from traffic reads these same
/// instruments, never a second count.
/// </summary>
internal sealed class FacadeMetrics : IDisposable
{
    public const string MeterName = "Strangler.Facade";
    public const string Requests = "strangler.requests";
    public const string Duration = "strangler.request.duration";
    public const string FlagChanges = "strangler.flag.changes";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _flagChanges;

    // From the host's meter factory, so two façades in one process (tests, an app host) keep apart.
    public FacadeMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>(Requests, description: "Proxied requests by capability, mode, serving side and status code.");
        _duration = _meter.CreateHistogram<double>(Duration, unit: "s", description: "Time from the request reaching the façade to the response ending, by capability and serving side.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _flagChanges = _meter.CreateCounter<long>(FlagChanges, description: "Capability state changes made through this replica, by capability and new mode.");
    }

    // Boxed once: a status tag would otherwise box its int on every request.
    private static readonly object[] Statuses = [.. Enumerable.Range(0, 600).Select(code => (object)code)];

    // The fault tag is set only on failures, so a healthy request's series keeps its four labels.
    private static readonly object?[] Faults = [null, "client", "service", "facade"];

    /// <summary>Runs for every proxied request, so its tags go in a <see cref="TagList"/> (no array per call).</summary>
    public void Request(RoutingDecision decision, int status, double seconds, Fault fault) =>
        Request(decision.Capability, decision.Mode, decision.ServedBy, status, seconds, fault);

    public void Request(string? capabilityName, CapabilityMode? mode, string servedBy, int status, double seconds, Fault fault)
    {
        var capability = capabilityName ?? "-";
        var requestTags = new TagList
        {
            { "capability", capability },
            { "mode", mode?.ToString() ?? "-" },
            { "served_by", servedBy },
            { "status", status is >= 0 and < 600 ? Statuses[status] : status },
        };
        if (fault != Fault.None)
        {
            requestTags.Add("fault", Faults[(int)fault]);
        }

        _requests.Add(1, requestTags);
        _duration.Record(seconds, new TagList { { "capability", capability }, { "served_by", servedBy } });
    }

    public void FlagChanged(string capability, CapabilityMode mode) =>
        _flagChanges.Add(1, new KeyValuePair<string, object?>("capability", capability), new KeyValuePair<string, object?>("mode", mode.ToString()));

    public void Dispose() => _meter.Dispose();
}
