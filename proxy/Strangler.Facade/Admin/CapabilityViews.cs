using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Manifest;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Strangler.Facade.Admin;

/// <summary>Builds what the admin API shows of a capability: definition, state and the health of both sides.</summary>
internal sealed class CapabilityViews(IProxyStateLookup proxyState)
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
        HealthOf(capability.ServiceCluster));

    public ClusterHealth HealthOf(string cluster)
    {
        if (!proxyState.TryGetCluster(cluster, out var state))
        {
            return ClusterHealth.Unknown;
        }

        if (!Routing.UsableDestinations.Any(state))
        {
            return ClusterHealth.Unhealthy;
        }

        return state.DestinationsState.AvailableDestinations.Any(d => Routing.UsableDestinations.IsUsable(d) && d.Health.Active == DestinationHealth.Healthy)
            ? ClusterHealth.Healthy
            : ClusterHealth.Unknown;
    }
}
