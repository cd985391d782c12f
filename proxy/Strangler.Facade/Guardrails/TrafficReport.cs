using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;
using Strangler.Facade.Observability;

namespace Strangler.Facade.Guardrails;

/// <summary>Turns the traffic window into what the admin API answers and the guardrails judge.</summary>
internal sealed class TrafficReport(TrafficWindow window, ManifestSource manifests, CapabilityStates states, TimeProvider clock)
{
    public const int MaxWindowSeconds = 900;

    public TrafficView For(Capability capability, DateTimeOffset since)
    {
        var now = clock.GetUtcNow();
        var seconds = Math.Max(1, (int)Math.Round((now - since).TotalSeconds));
        var legacy = window.Side(capability.Name, capability.LegacyCluster, since);
        var service = window.Side(capability.Name, capability.ServiceCluster, since);
        var shadow = window.Shadow(capability.Name, since);
        var total = legacy.Requests + service.Requests;
        var compared = shadow.Matched + shadow.Mismatched;
        return new TrafficView(
            capability.Name,
            seconds,
            Side(capability.LegacyCluster, legacy, total, seconds),
            Side(capability.ServiceCluster, service, total, seconds),
            compared,
            shadow.Mismatched,
            compared == 0 ? 0 : (double)shadow.Mismatched / compared,
            shadow.ShadowErrors,
            shadow.Dropped);
    }

    public MigrationProgress Progress(int windowSeconds)
    {
        var manifest = manifests.Current;
        var since = clock.GetUtcNow().AddSeconds(-windowSeconds);
        var serviceClusters = manifest.Capabilities.ToDictionary(c => c.Name, c => c.ServiceCluster, StringComparer.Ordinal);
        var traffic = window.All(since);
        var requests = traffic.Sum(t => t.Requests);
        var byServices = traffic.Where(t => serviceClusters.TryGetValue(t.Capability, out var service) && service == t.Cluster).Sum(t => t.Requests);
        var onServices = manifest.Capabilities
            .Where(c => states.Current.ModeOf(c) == CapabilityMode.Service)
            .Sum(c => c.Routes.Count);
        // The state (what the manifest and the flags say) is kept apart from the recent traffic share, so a
        // rollback reads as a rollback and not as "65 % migrated" while last hour's traffic ages out.
        var byMode = Enum.GetValues<CapabilityMode>().ToDictionary(
            mode => mode.ToString(), mode => manifest.Capabilities.Count(c => states.Current.ModeOf(c) == mode), StringComparer.Ordinal);
        return new MigrationProgress(
            windowSeconds, requests, requests == 0 ? 0 : Math.Round((double)byServices / requests, 4), manifest.Capabilities.Sum(c => c.Routes.Count), onServices, byMode);
    }

    private static SideTraffic Side(string cluster, TrafficWindow.SideCounts counts, long total, int seconds) => new(
        cluster,
        counts.Requests,
        Math.Round((double)counts.Requests / seconds, 2),
        total == 0 ? 0 : Math.Round((double)counts.Requests / total, 4),
        counts.ServerErrors,
        counts.Requests == 0 ? 0 : Math.Round((double)counts.ServerErrors / counts.Requests, 4),
        TrafficWindow.Percentile(counts, 0.5),
        TrafficWindow.Percentile(counts, 0.99));
}
