using Yarp.ReverseProxy.Model;

namespace Strangler.Facade.Health;

/// <summary>
/// Which destinations of a cluster may take the next request: those YARP lists as available that no
/// health check, active or passive, has marked unhealthy since. YARP marks a destination at once but
/// rebuilds its list after, so the list alone can still hold one that just refused a connection. The
/// routing step and every health the façade shows (admin API, CLI, dashboard) read this one rule.
/// </summary>
internal static class UsableDestinations
{
    public static bool Any(ClusterState cluster)
    {
        foreach (var destination in cluster.DestinationsState.AvailableDestinations)
        {
            if (IsUsable(destination))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsUsable(DestinationState destination) =>
        destination.Health.Passive != DestinationHealth.Unhealthy && destination.Health.Active != DestinationHealth.Unhealthy;
}
