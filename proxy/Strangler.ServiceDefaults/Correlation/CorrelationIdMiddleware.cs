using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serilog.Context;
using Strangler.Contracts;

namespace Strangler.ServiceDefaults.Correlation;

/// <summary>
/// Takes the caller's <c>X-Correlation-Id</c> when it is well formed, or starts one, so that one id
/// follows a call from the façade to the monolith or a service: it becomes the request's trace
/// identifier, a tag on its trace, and a property of every log line the request writes.
/// </summary>
public static class CorrelationIdMiddleware
{
    /// <param name="app">The host; put this first, so that even refused requests carry the id.</param>
    /// <param name="accepted">What the host does with the id besides, such as echoing it on the response.</param>
    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app, Action<HttpContext, string> accepted) =>
        app.Use(async (context, next) =>
        {
            var id = Accept(context);
            accepted(context, id);
            using (LogContext.PushProperty("CorrelationId", id))
            {
                await next(context);
            }
        });

    /// <summary>
    /// The request's correlation id, taken or started, made its trace identifier and a tag on its trace;
    /// for a host whose first middleware of its own does this (the façade's), the rest is its to do.
    /// </summary>
    public static string Accept(HttpContext context)
    {
        var id = CorrelationIds.AcceptOrStart(context.Request.Headers[StranglerHeaders.CorrelationId].ToString());
        context.TraceIdentifier = id;
        // The trace carries the id too, so a trace found by it shows every hop of the request.
        System.Diagnostics.Activity.Current?.SetTag(StranglerTracing.CorrelationTag, id);
        return id;
    }

    /// <summary>Echoes the id on the response, for hosts that add nothing else to it.</summary>
    public static void EchoOnResponse(HttpContext context, string id) =>
        context.Response.Headers[StranglerHeaders.CorrelationId] = id;
}
