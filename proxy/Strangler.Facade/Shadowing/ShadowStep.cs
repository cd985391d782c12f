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

        var begun = tap.BeginAsync(context, decision);
        if (begun.IsCompletedSuccessfully)
        {
            return begun.Result is { } capture ? ForwardTeedAsync(capture, context, next, decision) : next(context);
        }

        return BeginThenForwardAsync(begun, context, next, decision);
    }

    private async Task BeginThenForwardAsync(ValueTask<ShadowCapture?> begun, HttpContext context, RequestDelegate next, RoutingDecision decision)
    {
        if (await begun is { } capture)
        {
            await ForwardTeedAsync(capture, context, next, decision);
        }
        else
        {
            await next(context);
        }
    }

    private async Task ForwardTeedAsync(ShadowCapture capture, HttpContext context, RequestDelegate next, RoutingDecision decision)
    {
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
