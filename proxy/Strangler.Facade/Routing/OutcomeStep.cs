using Strangler.Facade.Requests;
using Yarp.ReverseProxy.Forwarder;

namespace Strangler.Facade.Routing;

/// <summary>
/// The outermost step: once everything after it is done, records whether the backend answered (so its
/// status can be held against it), logs a failed forward in one line, and turns it into a problem that
/// says what became of the request.
/// </summary>
internal sealed class OutcomeStep(ForwardingFailures failures, ProxyProblems problems) : IProxyStep
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Features.Get<FacadeResponse>()?.Decision is not { } decision)
        {
            return;
        }

        decision.BackendAnswered = context.Features.Get<IForwarderErrorFeature>() is null && decision.ServedBy != RoutingDecision.ServedByFacade;
        // On the trace as in X-Served-By: a hop further down a call chain has no response a client sees.
        System.Diagnostics.Activity.Current?.SetTag("strangler.served_by", decision.ServedBy);
        failures.Log(context, decision.ServedBy);
        await problems.WhenForwardingFailedAsync(context, decision);
    }
}
