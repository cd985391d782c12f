using Strangler.Facade.Hosting;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;
using Strangler.Facade.Shadowing;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Strangler.Facade.Requests;
using Strangler.Facade.Health;

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
    SideDecider decider,
    IProxyStateLookup proxyState,
    ProxyProblems problems,
    ShadowTap shadow,
    Recording.RequestRecorder recorder,
    ILogger<CapabilityRoutingStep> logger)
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
            await recorder.RecordDefaultRouteAsync(context);
            await next();
            passThrough.BackendAnswered = context.Features.Get<IForwarderErrorFeature>() is null;
            LogFailure(context, passThrough.ServedBy);
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
            if (proxyState.TryGetCluster(capability.ServiceCluster, out var service) && UsableDestinations.Any(service))
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
                await problems.WriteServiceUnavailableAsync(context, capability.Name, capability.ServiceCluster, capability.LegacyCluster, capability.FallbackToLegacy);
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
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await next();
        LogFailure(context, decision.ServedBy);

        if (decision.ServedBy == capability.ServiceCluster && mayFallBack && !context.Response.HasStarted &&
            context.Features.Get<IForwarderErrorFeature>() is { Error: not (ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled) } failure &&
            FaultAttribution.OfForwarderError(failure) == Fault.Service &&
            proxyState.TryGetCluster(capability.LegacyCluster, out var legacy))
        {
            // The service failed before answering (refused, reset, timed out): a read can be answered by
            // the monolith instead. The failure is the service's, and so is the time it took: the
            // monolith's answer is timed from the moment it was asked.
            var retryAt = System.Diagnostics.Stopwatch.GetTimestamp();
            decision.ServiceFailedFirst = new FailedTry(capability.ServiceCluster,
                failure.Error == ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                System.Diagnostics.Stopwatch.GetElapsedTime(started, retryAt).TotalSeconds, retryAt);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.ReassignProxyRequest(legacy);
            decision.ServedBy = capability.LegacyCluster;
            decision.Fallback = $"{capability.ServiceCluster} failed: {failure.Error}";
            await next();
            LogFailure(context, decision.ServedBy);
        }

        decision.BackendAnswered = context.Features.Get<IForwarderErrorFeature>() is null;
    }

    // One line per failed try, saying what failed; the stack only at Debug (YARP's own warning with it is filtered out, see FacadeLogging).
    private void LogFailure(HttpContext context, string cluster)
    {
        if (context.Features.Get<IForwarderErrorFeature>() is not { Error: not (ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled) } failure)
        {
            return;
        }

        var reason = failure.Exception?.GetBaseException().Message ?? failure.Error.ToString();
        logger.LogWarning("{Cluster} failed {Method} {Path}: {Error}, {Reason}", cluster, context.Request.Method, context.Request.Path, failure.Error, reason);
        if (logger.IsEnabled(LogLevel.Debug) && failure.Exception is { } exception)
        {
            logger.LogDebug(exception, "{Cluster} failed {Method} {Path}: the exception", cluster, context.Request.Method, context.Request.Path);
        }
    }

    // The façade's response stamp writes X-Served-By and the fallback marker when the response starts.
    private static RoutingDecision Track(HttpContext context, RoutingDecision decision)
    {
        (context.Features.Get<FacadeResponse>() ?? FacadeResponse.Start(context, context.TraceIdentifier)).Decision = decision;
        return decision;
    }
}
