using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Strangler.Facade.Admin;

/// <summary>Builds what the admin API shows of a capability: definition, state and the health of both sides.</summary>
internal sealed class CapabilityViews(IProxyStateLookup proxyState, Health.ProbeLog probes)
{
    public CapabilityView Create(Capability capability, StoredState state) => new(
        capability.Name,
        state.State,
        state.Version,
        state.UpdatedAt,
        state.UpdatedBy,
        capability.LegacyCluster,
        capability.ServiceCluster,
        capability.FallbackToLegacy,
        capability.Routes.Select(route => new RouteView(route.Path, route.Methods)).ToList(),
        HealthOf(capability.LegacyCluster),
        HealthOf(capability.ServiceCluster),
        [.. DestinationsOf(capability.LegacyCluster), .. DestinationsOf(capability.ServiceCluster)]);

    /// <summary>Each destination's health as routing reads it, with its last probe.</summary>
    public IEnumerable<DestinationHealthView> DestinationsOf(string cluster)
    {
        if (!proxyState.TryGetCluster(cluster, out var state))
        {
            yield break;
        }

        foreach (var destination in state.DestinationsState.AllDestinations)
        {
            var probe = probes.LastOf(cluster, destination.DestinationId);
            yield return new DestinationHealthView(cluster, destination.Model.Config.Address, destination.Health.Active.ToString(), destination.Health.Passive.ToString(),
                probe?.At, probe?.Outcome);
        }
    }

    public ClusterHealth HealthOf(string cluster)
    {
        if (!proxyState.TryGetCluster(cluster, out var state))
        {
            return ClusterHealth.Unknown;
        }

        if (!Health.UsableDestinations.Any(state))
        {
            return ClusterHealth.Unhealthy;
        }

        return state.DestinationsState.AvailableDestinations.Any(d => Health.UsableDestinations.IsUsable(d) && d.Health.Active == DestinationHealth.Healthy)
            ? ClusterHealth.Healthy
            : ClusterHealth.Unknown;
    }
}
