using Microsoft.Extensions.Primitives;
using Strangler.Facade.Settings;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Strangler.Facade.Health;

namespace Strangler.Facade.Routing;

/// <summary>
/// YARP's routes and clusters, derived from the capability manifest. Every capability route is sent to
/// its legacy cluster by default (the routing step may reassign it per request); one catch-all route
/// with the lowest priority sends everything else to the default cluster, unchanged.
/// </summary>
internal sealed class ManifestProxyConfigProvider : IProxyConfigProvider
{
    public const string CapabilityMetadataKey = "Strangler.Capability";
    public const string CatchAllRouteId = "strangler-default";

    private volatile ManifestProxyConfig _config;

    public ManifestProxyConfigProvider(ManifestSource manifests)
    {
        _config = new ManifestProxyConfig(manifests.Current);
        manifests.Changed += manifest =>
        {
            var previous = _config;
            _config = new ManifestProxyConfig(manifest);
            previous.SignalChange();
        };
    }

    public IProxyConfig GetConfig() => _config;

    private sealed class ManifestProxyConfig : IProxyConfig
    {
        private readonly CancellationTokenSource _changed = new();

        public ManifestProxyConfig(CapabilityManifest manifest)
        {
            Routes = BuildRoutes(manifest);
            var serviceClusters = manifest.Capabilities.Select(c => c.ServiceCluster).ToHashSet(StringComparer.Ordinal);
            Clusters = manifest.Clusters.Values.Select(cluster => BuildCluster(cluster, serviceClusters.Contains(cluster.Name))).ToList();
            ChangeToken = new CancellationChangeToken(_changed.Token);
        }

        public IReadOnlyList<RouteConfig> Routes { get; }

        public IReadOnlyList<ClusterConfig> Clusters { get; }

        public IChangeToken ChangeToken { get; }

        public void SignalChange() => _changed.Cancel();

        private static List<RouteConfig> BuildRoutes(CapabilityManifest manifest)
        {
            var routes = new List<RouteConfig>();
            foreach (var capability in manifest.Capabilities)
            {
                for (var i = 0; i < capability.Routes.Count; i++)
                {
                    var route = capability.Routes[i];
                    routes.Add(new RouteConfig
                    {
                        RouteId = $"{capability.Name}#{i}",
                        ClusterId = capability.LegacyCluster,
                        Order = 0,
                        Match = new RouteMatch { Path = route.Path, Methods = route.Methods.Count == 0 ? null : route.Methods },
                        Metadata = new Dictionary<string, string> { [CapabilityMetadataKey] = capability.Name },
                    });
                }
            }

            // Lowest priority, any method: what no capability claims still reaches the monolith as before.
            routes.Add(new RouteConfig
            {
                RouteId = CatchAllRouteId,
                ClusterId = manifest.DefaultCluster,
                Order = int.MaxValue,
                Match = new RouteMatch { Path = "/{**catch-all}" },
            });
            return routes;
        }

        private static ClusterConfig BuildCluster(ClusterDefinition cluster, bool isService) => new()
        {
            ClusterId = cluster.Name,
            Destinations = cluster.Destinations
                .Select((address, index) => (address, index))
                .ToDictionary(d => $"{cluster.Name}-{d.index}", d => new DestinationConfig { Address = d.address.ToString() }),
            HealthCheck = new HealthCheckConfig
            {
                // A service with no healthy destination takes no traffic, so reads fall back to the
                // monolith. The monolith is the last resort: when it looks down, try it anyway.
                AvailableDestinationsPolicy = isService ? "HealthyAndUnknown" : "HealthyOrPanic",
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = cluster.HealthPath is not null,
                    // YARP takes the query apart from the path; given together, the '?' would be escaped into the path.
                    Path = cluster.HealthPath?.Split('?', 2)[0],
                    Query = cluster.HealthPath is { } health && health.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? health[at..] : null,
                    Interval = cluster.HealthInterval,
                    Timeout = cluster.HealthTimeout,
                    Policy = ProbingHealthPolicy.PolicyName,
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = FirstFailurePassivePolicy.PolicyName,
                    ReactivationPeriod = cluster.ReactivationPeriod,
                },
            },
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = cluster.RequestTimeout },
        };
    }
}
