using Microsoft.AspNetCore.Http;
using Serilog.Context;
using Strangler.Contracts;

namespace Shop.BuildingBlocks.Http;

/// <summary>
/// Reads <c>X-Correlation-Id</c> from the request (or starts one), echoes it on the response and puts
/// it on every log line of the request, so one id follows a call from façade to monolith or service.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = CorrelationIds.AcceptOrStart(context.Request.Headers[StranglerHeaders.CorrelationId].ToString());
        context.TraceIdentifier = correlationId;
        // The request's trace (continued from the façade's traceparent) carries the id as well.
        System.Diagnostics.Activity.Current?.SetTag(StranglerTracing.CorrelationTag, correlationId);
        context.Response.Headers[StranglerHeaders.CorrelationId] = correlationId;
        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            await next(context);
        }
    }
}
