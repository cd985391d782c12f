using System.Diagnostics;
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
/// problem. The settings and the flag state are read here, once per request, into the decision. With a
/// call-chain secret, the decision is also stamped for the backends to pass on (<see cref="ChainStamp"/>).
/// </summary>
internal sealed class SideStep(
    ManifestSource manifests, CapabilityStates states, SideDecider decider, IProxyStateLookup proxyState, ProxyProblems problems, TimeProvider time) : IProxyStep
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var feature = context.GetReverseProxyFeature();
        var manifest = manifests.Current;
        var capability = RouteCapability.Of(feature, manifest);
        var chain = manifest.Identity.CallChain;
        var carried = chain.Enabled ? CarriedFor(context, manifest, capability?.Auth ?? manifest.Identity.DefaultRoute) : null;
        if (capability is null)
        {
            var passing = RoutingDecision.Track(context, new RoutingDecision { ServedBy = feature.Cluster!.Config.ClusterId, Manifest = manifest });
            if (chain.Enabled)
            {
                Stamp(context, passing, carried ?? Begin(context, manifest, manifest.Identity.DefaultRoute));
            }

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
        var side = decider.DecideAsync(snapshot, capability, mode, context, manifest.Targeting, carried);
        return side.IsCompletedSuccessfully ? GoTo(side.Result, context, next, decision, carried) : GoToAsync(side, context, next, decision, carried);
    }

    private async Task GoToAsync(ValueTask<Side> side, HttpContext context, RequestDelegate next, RoutingDecision decision, ChainStamp? carried) =>
        await GoTo(await side, context, next, decision, carried);

    private Task GoTo(Side side, HttpContext context, RequestDelegate next, RoutingDecision decision, ChainStamp? carried)
    {
        var capability = decision.Claimed!;
        if (decision.Manifest!.Identity.CallChain.Enabled)
        {
            Stamp(context, decision, (carried ?? Begin(context, decision.Manifest, capability.Auth)).With(capability.Name, side));
        }

        if (Activity.Current is { } activity)
        {
            activity.SetTag("strangler.capability", capability.Name);
            activity.SetTag("strangler.side", side == Side.Service ? "service" : "legacy");
        }

        if (side == Side.Legacy)
        {
            return next(context);
        }

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

    /// <summary>The chain this request continues, when its stamp is the façade's own, still valid, and for the request's own user (if it names one).</summary>
    private ChainStamp? CarriedFor(HttpContext context, CapabilityManifest manifest, AuthMode auth)
    {
        if (ChainStamp.Read(context, manifest.Identity.CallChain, time) is not { } stamp)
        {
            return null;
        }

        var own = RequestTargeting.VerifiedUserId(context, manifest.Targeting, manifest.Targeting.HeadersCount(auth));
        return own is null || own == stamp.User ? stamp : null;
    }

    private ChainStamp Begin(HttpContext context, CapabilityManifest manifest, AuthMode auth)
    {
        var headersCount = manifest.Targeting.HeadersCount(auth);
        return ChainStamp.Begin(
            RequestTargeting.UserId(context, manifest.Targeting, headersCount),
            RequestTargeting.Groups(context, manifest.Targeting, headersCount),
            manifest.Identity.CallChain,
            time);
    }

    private static void Stamp(HttpContext context, RoutingDecision decision, ChainStamp stamp)
    {
        // Signed once: the header and the trace carry the same value.
        var signed = stamp.Signed(decision.Manifest!.Identity.CallChain.Secret!);
        decision.Baggage = ChainStamp.ToBaggage(context, signed);
        if (Activity.Current is { } activity)
        {
            // Where the request is traced, YARP writes the outgoing baggage from the trace's (replacing the
            // header set in HeaderHygiene), so the stamp goes there too, over any a client put in its own.
            activity.SetBaggage(ChainStamp.BaggageKey, signed);
            if (stamp.User is { } user)
            {
                activity.SetTag("enduser.id", user);
            }
        }
    }
}
