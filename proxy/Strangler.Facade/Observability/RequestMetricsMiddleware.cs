using System.Diagnostics;
using Strangler.Facade.Hosting;

namespace Strangler.Facade.Observability;

/// <summary>Records each proxied request once it has ended, with what the routing step decided.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, FacadeMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // Admin, health and metrics requests have no decision: they are not traffic.
            if (context.Features.Get<FacadeResponse>()?.Decision is { } decision)
            {
                metrics.Request(decision, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
    }
}
