using Strangler.Facade.Flags;
using Strangler.Facade.Health;
using Strangler.Facade.Requests;
using Strangler.Facade.Settings;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Strangler.Facade.Routing;

/// <summary>
/// Decides which side answers: finds the request's capability from the YARP route, asks the flags for
/// the side, and reassigns the request to the service's cluster when the service is chosen and can take
/// it. When it cannot, a read goes on to the legacy side (marked in the response) and a write gets a 503
/// problem. The settings and the flag state are read here, once per request, into the decision.
/// </summary>
internal sealed class SideStep(ManifestSource manifests, CapabilityStates states, SideDecider decider, IProxyStateLookup proxyState, ProxyProblems problems) : IProxyStep
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var feature = context.GetReverseProxyFeature();
        var manifest = manifests.Current;
        var capability = feature.Route.Config.Metadata?.GetValueOrDefault(ManifestProxyConfigProvider.CapabilityMetadataKey) is { } name
            ? manifest.Find(name)
            : null;
        if (capability is null)
        {
            RoutingDecision.Track(context, new RoutingDecision { ServedBy = feature.Cluster!.Config.ClusterId, Manifest = manifest });
            return next(context);
        }

        var snapshot = states.Current;
        var mode = snapshot.ModeOf(capability);
        var decision = RoutingDecision.Track(context, new RoutingDecision
        {
            Claimed = capability,
            Manifest = manifest,
            Mode = mode,
            ServedBy = capability.LegacyCluster,
            MayFallBack = capability.FallbackToLegacy && ForwardingRules.IsSafe(context.Request.Method),
        });
        var side = decider.DecideAsync(snapshot, capability, mode, context, manifest.Targeting);
        return side.IsCompletedSuccessfully ? GoTo(side.Result, context, next, decision) : GoToAsync(side, context, next, decision);
    }

    private async Task GoToAsync(ValueTask<Side> side, HttpContext context, RequestDelegate next, RoutingDecision decision) =>
        await GoTo(await side, context, next, decision);

    private Task GoTo(Side side, HttpContext context, RequestDelegate next, RoutingDecision decision)
    {
        if (side == Side.Legacy)
        {
            return next(context);
        }

        var capability = decision.Claimed!;
        if (proxyState.TryGetCluster(capability.ServiceCluster, out ClusterState? service) && UsableDestinations.Any(service))
        {
            context.ReassignProxyRequest(service);
            decision.ServedBy = capability.ServiceCluster;
            return next(context);
        }

        if (decision.MayFallBack)
        {
            decision.Fallback = $"{capability.ServiceCluster} unavailable";
            return next(context);
        }

        decision.ServedBy = RoutingDecision.ServedByFacade;
        return problems.WriteServiceUnavailableAsync(context, capability.Name, capability.ServiceCluster, capability.LegacyCluster, capability.FallbackToLegacy);
    }
}
