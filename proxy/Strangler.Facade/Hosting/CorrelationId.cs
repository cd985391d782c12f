using Serilog.Context;
using Strangler.Contracts;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Hosting;

/// <summary>
/// Takes the client's <c>X-Correlation-Id</c> when it is well formed, or starts one; the id goes to the
/// backend, back to the client and onto every log line of the request.
/// </summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = CorrelationIds.AcceptOrStart(context.Request.Headers[StranglerHeaders.CorrelationId].ToString());
        context.TraceIdentifier = id;
        // The trace carries the id too, so a trace found by it shows every hop of the request.
        System.Diagnostics.Activity.Current?.SetTag(StranglerTracing.CorrelationTag, id);
        FacadeResponse.Start(context, id);
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next(context);
        }
    }
}
