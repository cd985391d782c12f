using Strangler.Facade.Settings;
using Yarp.ReverseProxy.Model;

namespace Strangler.Facade.Routing;

/// <summary>The capability that claims the request's YARP route, or null on the default route.</summary>
internal static class RouteCapability
{
    public static Capability? Of(IReverseProxyFeature feature, CapabilityManifest manifest) =>
        feature.Route.Config.Metadata?.GetValueOrDefault(ManifestProxyConfigProvider.CapabilityMetadataKey) is { } name
            ? manifest.Find(name)
            : null;
}
