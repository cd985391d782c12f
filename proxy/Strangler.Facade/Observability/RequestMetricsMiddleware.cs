using System.Diagnostics;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Observability;

/// <summary>Records each proxied request once it has ended, with what the routing step decided.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, FacadeMetrics metrics, FailureCallers callers)
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
                var status = context.Response.StatusCode;
                var fault = FaultAttribution.Of(context, decision, status);
                if (decision.ServiceFailedFirst is { } failed)
                {
                    // The service's failed try is its own request, failure and time; the monolith is timed from when it was asked.
                    metrics.Request(decision.Capability, decision.Mode, failed.Cluster, failed.Status, failed.Seconds, Fault.Service);
                    callers.ServiceFailed(decision.Capability!, FaultAttribution.CallerOf(context));
                    started = failed.RetryStartedAt;
                }

                metrics.Request(decision, status, Stopwatch.GetElapsedTime(started).TotalSeconds, fault);
                if (fault == Fault.Service && decision.Capability is { } capability)
                {
                    callers.ServiceFailed(capability, FaultAttribution.CallerOf(context));
                }
            }
        }
    }
}
