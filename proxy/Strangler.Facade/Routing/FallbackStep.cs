using System.Diagnostics;
using Strangler.Facade.Requests;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Strangler.Facade.Routing;

/// <summary>
/// Sends a read meant for the service to the legacy side when the service failed before answering
/// (refused, reset, timed out). The failure is the service's, and so is the time it took: the legacy
/// answer is timed from the moment it was asked. Every other request passes straight through.
/// </summary>
internal sealed class FallbackStep(IProxyStateLookup proxyState, ForwardingFailures failures) : IProxyStep
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var decision = RoutingDecision.Of(context);
        return decision.MayFallBack && decision.Claimed is { } capability && decision.ServedBy == capability.ServiceCluster
            ? ForwardWithFallbackAsync(context, next, decision, capability)
            : next(context);
    }

    private async Task ForwardWithFallbackAsync(HttpContext context, RequestDelegate next, RoutingDecision decision, Settings.Capability capability)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        if (context.Response.HasStarted ||
            FaultAttribution.FailedForward(context) is not { } failure ||
            FaultAttribution.OfForwarderError(failure) != Fault.Service ||
            !proxyState.TryGetCluster(capability.LegacyCluster, out ClusterState? legacy))
        {
            return;
        }

        failures.Log(context, decision.ServedBy);
        var retryAt = Stopwatch.GetTimestamp();
        decision.ServiceFailedFirst = new FailedTry(capability.ServiceCluster,
            failure.Error == ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
            Stopwatch.GetElapsedTime(started, retryAt).TotalSeconds, retryAt);
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.Clear();
        context.ReassignProxyRequest(legacy);
        decision.ServedBy = capability.LegacyCluster;
        decision.Fallback = $"{capability.ServiceCluster} failed: {failure.Error}";
        await next(context);
    }
}
