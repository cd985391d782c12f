using Strangler.Facade.Requests;

namespace Strangler.Facade.Routing;

/// <summary>
/// Answers, before anything is decided or sent, the requests the façade never forwards: CONNECT, which
/// asks for a tunnel, and a dry-run marker the façade did not set (forwarded, the write would run for real).
/// </summary>
internal sealed class RefusalStep(ProxyProblems problems) : IProxyStep
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsConnect(context.Request.Method))
        {
            RoutingDecision.Track(context, new RoutingDecision { ServedBy = RoutingDecision.ServedByFacade });
            return problems.WriteNotProxiedAsync(context);
        }

        if (HeaderHygiene.HasForeignDryRun(context))
        {
            RoutingDecision.Track(context, new RoutingDecision { ServedBy = RoutingDecision.ServedByFacade });
            return problems.WriteDryRunRefusedAsync(context);
        }

        return next(context);
    }
}
