using Strangler.Facade.Requests;

namespace Strangler.Facade.Recording;

/// <summary>Records a sample of the requests, of a capability or of the default route, before they are forwarded.</summary>
internal sealed class RecordingStep(RequestRecorder recorder) : IProxyStep
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var decision = RoutingDecision.Of(context);
        var recorded = decision.Claimed is { } capability ? recorder.RecordAsync(context, capability) : recorder.RecordDefaultRouteAsync(context);
        return recorded.IsCompletedSuccessfully ? next(context) : ThenAsync(recorded, context, next);
    }

    private static async Task ThenAsync(ValueTask recorded, HttpContext context, RequestDelegate next)
    {
        await recorded;
        await next(context);
    }
}
