using Strangler.Facade.Requests;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// Tees the primary answer of a request that is to be copied to the other side, and queues the copy
/// once the client has its answer (fallback included, since this step wraps it). Requests that are not
/// copied pass straight through.
/// </summary>
internal sealed class ShadowStep(ShadowTap tap) : IProxyStep
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var decision = RoutingDecision.Of(context);
        if (decision.Claimed is null)
        {
            return next(context);
        }

        var capture = tap.BeginAsync(context, decision);
        return capture.IsCompletedSuccessfully && capture.Result is null ? next(context) : ForwardTeedAsync(capture, context, next, decision);
    }

    private async Task ForwardTeedAsync(ValueTask<ShadowCapture?> begun, HttpContext context, RequestDelegate next, RoutingDecision decision)
    {
        if (await begun is not { } capture)
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            tap.Complete(context, capture, decision);
        }
    }
}
