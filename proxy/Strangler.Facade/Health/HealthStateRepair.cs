using Strangler.Facade.Settings;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Strangler.Facade.Health;

/// <summary>
/// Keeps YARP's list of available destinations true to the health states it is built from. Under a
/// burst of failures we have seen a destination's passive state, or the list itself, left stale after
/// the service recovered (the list rebuild is debounced; a reactivation can be lost): the service then
/// stays out of rotation for good. Every second this compares, per cluster, which destinations should
/// be available with which are; it rebuilds the list when they differ, and clears a passive
/// "unhealthy" that active checks have contradicted for longer than YARP would have kept it.
/// </summary>
internal sealed class HealthStateRepair(
    IProxyStateLookup proxyState,
    IClusterDestinationsUpdater updater,
    ManifestSource manifests,
    Microsoft.Extensions.Options.IOptions<TransportFailureRateHealthPolicyOptions> passiveOptions,
    TimeProvider time,
    ILogger<HealthStateRepair> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly Dictionary<DestinationState, DateTimeOffset> _passiveUnhealthySince = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var cluster in proxyState.GetClusters())
            {
                Repair(cluster);
            }
        }
    }

    internal void Repair(ClusterState cluster)
    {
        if (cluster.DestinationsState is not { } destinations || cluster.Model.Config.HealthCheck is not { } health)
        {
            return;
        }

        var now = time.GetUtcNow();
        var activeOn = health.Active?.Enabled == true;
        var passiveOn = health.Passive?.Enabled == true;
        var keepOut = MaxOf(passiveOptions.Value.DetectionWindowSize, ReactivationOf(cluster.ClusterId)) + Every;
        var expected = 0;
        var changed = false;
        foreach (var destination in destinations.AllDestinations)
        {
            var state = destination.Health;
            if (passiveOn && state.Passive == DestinationHealth.Unhealthy)
            {
                var since = _passiveUnhealthySince.TryGetValue(destination, out var seen) ? seen : _passiveUnhealthySince[destination] = now;
                if (activeOn && state.Active == DestinationHealth.Healthy && now - since > keepOut)
                {
                    state.Passive = DestinationHealth.Unknown;
                    _passiveUnhealthySince.Remove(destination);
                    changed = true;
                    logger.LogWarning("Destination {Destination} of {Cluster} passes active checks but was kept out by passive checks for over {KeepOut}; taking it back",
                        destination.DestinationId, cluster.ClusterId, keepOut);
                }
            }
            else
            {
                _passiveUnhealthySince.Remove(destination);
            }

            if ((!activeOn || state.Active != DestinationHealth.Unhealthy) && (!passiveOn || state.Passive != DestinationHealth.Unhealthy))
            {
                expected++;
            }
        }

        var panicAllowed = health.AvailableDestinationsPolicy != "HealthyAndUnknown";
        var stale = expected > 0 && destinations.AvailableDestinations.Count != expected && !(panicAllowed && destinations.AvailableDestinations.Count == destinations.AllDestinations.Count);
        if (changed || stale)
        {
            updater.UpdateAvailableDestinations(cluster);
        }
    }

    private TimeSpan ReactivationOf(string cluster) =>
        manifests.Current.Clusters.TryGetValue(cluster, out var definition) ? definition.ReactivationPeriod : TimeSpan.Zero;

    private static TimeSpan MaxOf(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
