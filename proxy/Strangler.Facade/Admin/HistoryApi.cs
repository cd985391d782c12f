using Microsoft.AspNetCore.Http.HttpResults;
using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Guardrails;
using Strangler.Facade.Observability;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Admin;

/// <summary>A capability's last hour, per side, with its mode switches and guardrail actions: what the dashboard draws.</summary>
internal static class HistoryApi
{
    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/capabilities/{name}/history", HistoryAsync).WithTags("Traffic").WithName("GetHistory")
            .WithSummary("This replica's last hour of one capability, a point per 10 s: requests per second and p50/p99 per side (legacy, service, shadow copies), the mismatch rate, and mode switches and guardrail actions from the audit.");
        return api;
    }

    private static async Task<Results<Ok<CapabilityHistory>, ProblemHttpResult>> HistoryAsync(
        string name, ManifestSource manifests, TrafficWindow window, FlagStore store, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (manifests.Current.Find(name) is not { } capability)
        {
            return CapabilitiesApi.UnknownCapability(name, manifests.Current);
        }

        var to = clock.GetUtcNow();
        var from = to - TrafficWindow.History;
        var copies = window.HistoryOf(name, null);
        var sides = window.ClustersOf(name)
            .Select(cluster => new SideHistory(cluster, Role(capability, cluster), Points(window.HistoryOf(name, cluster), copies: false)))
            .Append(new SideHistory("shadow", "shadow", Points(copies, copies: true)))
            .ToList();
        var mismatches = copies
            .Where(b => b.Counts.Matched + b.Counts.Mismatched > 0)
            .Select(b => new MismatchPoint(b.At, b.Counts.Matched + b.Counts.Mismatched, b.Counts.Mismatched,
                Math.Round((double)b.Counts.Mismatched / (b.Counts.Matched + b.Counts.Mismatched), 4)))
            .ToList();
        return TypedResults.Ok(new CapabilityHistory(name, TrafficWindow.HistoryBucketSeconds, from, to, sides, mismatches,
            await EventsAsync(name, from, store, loggers, cancellationToken)));
    }

    private static string Role(Capability capability, string cluster) =>
        cluster == capability.LegacyCluster ? "legacy" : cluster == capability.ServiceCluster ? "service" : "other";

    private static List<HistoryPoint> Points(IReadOnlyList<(DateTimeOffset At, TrafficWindow.SideCounts Counts)> buckets, bool copies) =>
        [.. buckets
            .Where(b => copies ? b.Counts.Latency.Sum() > 0 : b.Counts.Requests > 0)
            .Select(b => new HistoryPoint(
                b.At,
                Math.Round((copies ? b.Counts.Latency.Sum() : b.Counts.Requests) / (double)TrafficWindow.HistoryBucketSeconds, 2),
                TrafficWindow.Percentile(b.Counts, 0.50),
                TrafficWindow.Percentile(b.Counts, 0.99)))];

    // The audit is in the flag store; the charts are still worth drawing while it does not answer.
    private static async Task<List<HistoryEvent>> EventsAsync(string name, DateTimeOffset from, FlagStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            var audit = await store.ReadAuditAsync(name, 200, cancellationToken);
            return [.. audit.Where(entry => entry.At >= from).OrderBy(entry => entry.At).Select(entry => new HistoryEvent(
                entry.At,
                entry.Who == GuardrailWatcher.Who ? "guardrail" : "mode",
                $"{entry.Before?.Mode.ToString() ?? "(manifest)"} → {entry.After.Mode} by {entry.Who}: {entry.Reason}"))];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(HistoryApi).FullName!).LogWarning("The history of {Capability} is drawn without its events: the audit could not be read ({Error})", name, exception.Message);
            return [];
        }
    }
}
