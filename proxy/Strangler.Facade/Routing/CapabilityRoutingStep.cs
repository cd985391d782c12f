using Strangler.Facade.Hosting;
using Strangler.Facade.Flags;
using Strangler.Facade.Manifest;
using Strangler.Facade.Shadowing;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;

namespace Strangler.Facade.Routing;

/// <summary>
/// The one proxy-pipeline step that decides, per request, which side answers: it finds the request's
/// capability from the YARP route, asks the feature manager for the side, and reassigns the request to
/// the service's cluster when the service is chosen and can take it. When the service cannot, reads
/// fall back to the monolith (marked in the response) and writes get a 503 problem.
/// </summary>
internal sealed class CapabilityRoutingStep(
    ManifestSource manifests,
    CapabilityStates states,
    ModeDecider decider,
    IProxyStateLookup proxyState,
    ProxyProblems problems,
    ShadowTap shadow,
    Recording.RequestRecorder recorder)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (HttpMethods.IsConnect(context.Request.Method))
        {
            Track(context, new RoutingDecision { ServedBy = "strangler" });
            await problems.WriteNotProxiedAsync(context);
            return;
        }

        if (HeaderHygiene.HasForeignDryRun(context))
        {
            Track(context, new RoutingDecision { ServedBy = "strangler" });
            await problems.WriteDryRunRefusedAsync(context);
            return;
        }

        var feature = context.GetReverseProxyFeature();
        var manifest = manifests.Current;
        var capability = feature.Route.Config.Metadata?.GetValueOrDefault(ManifestProxyConfigProvider.CapabilityMetadataKey) is { } name
            ? manifest.Find(name)
            : null;

        if (capability is null)
        {
            var passThrough = Track(context, new RoutingDecision { ServedBy = feature.Cluster!.Config.ClusterId });
            await next();
            passThrough.BackendAnswered = context.Features.Get<IForwarderErrorFeature>() is null;
            await problems.WhenForwardingFailedAsync(context, passThrough);
            return;
        }

        var snapshot = states.Current;
        var mode = snapshot.ModeOf(capability);
        var decision = Track(context, new RoutingDecision { Capability = capability.Name, Mode = mode, ServedBy = capability.LegacyCluster });
        var side = await decider.DecideAsync(snapshot, capability, mode, context, manifest.Targeting);
        var mayFallBack = capability.FallbackToLegacy && ForwardingRules.IsSafe(context.Request.Method);

        if (side == Side.Service)
        {
            if (proxyState.TryGetCluster(capability.ServiceCluster, out var service) && service.DestinationsState.AvailableDestinations.Count > 0)
            {
                context.ReassignProxyRequest(service);
                decision.ServedBy = capability.ServiceCluster;
            }
            else if (mayFallBack)
            {
                decision.Fallback = $"{capability.ServiceCluster} unavailable";
            }
            else
            {
                decision.ServedBy = "strangler";
                await problems.WriteServiceUnavailableAsync(context, capability.Name, capability.ServiceCluster);
                return;
            }
        }

        await recorder.RecordAsync(context, capability);
        var capture = await shadow.BeginAsync(context, capability, mode, decision.ServedBy == capability.ServiceCluster ? Side.Service : Side.Legacy);
        try
        {
            await ForwardAsync(context, next, capability, decision, mayFallBack);
        }
        finally
        {
            if (capture is not null)
            {
                shadow.Complete(context, capture, decision);
            }
        }

        await problems.WhenForwardingFailedAsync(context, decision);
    }

    private async Task ForwardAsync(HttpContext context, Func<Task> next, Capability capability, RoutingDecision decision, bool mayFallBack)
    {
        await next();

        if (decision.ServedBy == capability.ServiceCluster && mayFallBack && !context.Response.HasStarted &&
            context.Features.Get<IForwarderErrorFeature>() is { Error: not (ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled) } failure &&
            proxyState.TryGetCluster(capability.LegacyCluster, out var legacy))
        {
            // The service failed before answering (refused, reset, timed out): a read can be answered by
            // the monolith instead. Health checks will take the service out; this covers the requests before.
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.ReassignProxyRequest(legacy);
            decision.ServedBy = capability.LegacyCluster;
            decision.Fallback = $"{capability.ServiceCluster} failed: {failure.Error}";
            await next();
        }

        decision.BackendAnswered = context.Features.Get<IForwarderErrorFeature>() is null;
    }

    // The façade's response stamp writes X-Served-By and the fallback marker when the response starts.
    private static RoutingDecision Track(HttpContext context, RoutingDecision decision)
    {
        (context.Features.Get<FacadeResponse>() ?? FacadeResponse.Start(context, context.TraceIdentifier)).Decision = decision;
        return decision;
    }
}
