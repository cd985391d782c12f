using System.Diagnostics;
using Serilog.Context;
using Serilog.Events;
using Strangler.Contracts;
using Strangler.Facade.Requests;
using Strangler.ServiceDefaults.Correlation;

namespace Strangler.Facade.Observability;

/// <summary>
/// The first step of every request and the last word on it: takes or starts its correlation id (the
/// trace identifier, a tag on its trace, a property of every log line it writes, and a response header
/// through <see cref="FacadeResponse"/>), and once it has ended, writes its one log line and, for a
/// proxied request, its metrics with what the routing step decided. One step rather than three (the
/// shared correlation middleware, Serilog's request logging and the metrics): each was a state machine
/// and Serilog's an execution-context change per request (bench/: allocations).
/// </summary>
internal sealed class RequestOutcomeMiddleware(RequestDelegate next, FacadeMetrics metrics, FailureCallers callers, Serilog.ILogger logger)
{
    private const string LineTemplate =
        "HTTP {RequestMethod} {RequestPath} {Capability} {Mode} -> {ServedBy}{Fallback} responded {StatusCode} in {Elapsed:0.0} ms";

    private readonly Serilog.ILogger _log = logger.ForContext<RequestOutcomeMiddleware>();

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var id = CorrelationIdMiddleware.Accept(context);
        var response = FacadeResponse.Start(context, id);
        using (LogContext.PushProperty("CorrelationId", id))
        {
            Exception? failure = null;
            try
            {
                await next(context);
            }
            catch (Exception exception)
            {
                failure = exception;
                throw;
            }
            finally
            {
                var status = failure is null ? context.Response.StatusCode : StatusCodes.Status500InternalServerError;
                if (response.Decision is { } decision)
                {
                    Measure(context, decision, status, started);
                }

                Log(context, response.Decision, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, failure);
            }
        }
    }

    // Admin, health and metrics requests have no decision: they are not traffic.
    private void Measure(HttpContext context, RoutingDecision decision, int status, long started)
    {
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

    private void Log(HttpContext context, RoutingDecision? decision, int status, double elapsedMs, Exception? failure)
    {
        var level = LevelOf(context, status, failure);
        if (!_log.IsEnabled(level))
        {
            return;
        }

        _log.Write(level, failure, LineTemplate,
            context.Request.Method, context.Request.Path.Value, decision?.Capability ?? "-", decision?.Mode?.ToString() ?? "-",
            decision?.ServedBy ?? RoutingDecision.ServedByFacade, decision?.Fallback is { } fallback ? $" (fallback: {fallback})" : "",
            status, elapsedMs);
    }

    /// <summary>
    /// Proxied traffic at Information, failures at Error; the façade's own admin API and dashboard at
    /// Debug when they succeed, so an open dashboard tab polling every two seconds does not fill the log.
    /// </summary>
    private static LogEventLevel LevelOf(HttpContext context, int status, Exception? failure) =>
        failure is not null || status >= 500 ? LogEventLevel.Error
        : context.Request.Path.StartsWithSegments(AdminRoutes.Prefix) && status < 400 ? LogEventLevel.Debug
        : LogEventLevel.Information;
}
