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
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = context.Request.Headers[StranglerHeaders.CorrelationId].ToString();
        if (!IsAcceptable(correlationId))
        {
            // A missing or malformed id is replaced rather than refused: it is diagnostics, not input.
            correlationId = Guid.CreateVersion7().ToString("N");
        }

        context.TraceIdentifier = correlationId;
        // The request's trace (continued from the façade's traceparent) carries the id as well.
        System.Diagnostics.Activity.Current?.SetTag(StranglerTracing.CorrelationTag, correlationId);
        context.Response.Headers[StranglerHeaders.CorrelationId] = correlationId;
        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            await next(context);
        }
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
