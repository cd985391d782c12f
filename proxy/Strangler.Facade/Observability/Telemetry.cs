using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Strangler.Contracts;

namespace Strangler.Facade.Observability;

/// <summary>OpenTelemetry metrics for the façade, with a Prometheus scrape endpoint at <c>/strangler/metrics</c>.</summary>
internal static class Telemetry
{
    public const string ScrapePath = AdminRoutes.Prefix + "/metrics";

    /// <summary>Whether spans are recorded: only when they have somewhere to go (an OTLP endpoint).</summary>
    public static bool TracingEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static IServiceCollection AddFacadeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FacadeMetrics>();
        services.AddSingleton<TrafficWindow>();
        services.AddSingleton<FailureCallers>();
        services.AddOpenTelemetry().WithMetrics(metrics =>
            {
                // ASP.NET Core's own meters, which is all the instrumentation package adds for metrics
                // besides a middleware per request that tags unhandled exceptions: the façade's
                // exception handler leaves none unhandled (bench/: allocations).
                metrics.AddMeter(FacadeMetrics.MeterName)
                    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics")
                    // A scrape always answers with the numbers as they are now, not a copy kept for a while.
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (TracingEnabled(configuration))
                {
                    // Where an OTLP endpoint is set (the Aspire dashboard sets one), the same metrics go there too.
                    metrics.AddOtlpExporter();
                }
            })
            // Spans are recorded only where they go somewhere: an Activity per request costs CPU on
            // every request (measured in bench/). With OTEL_EXPORTER_OTLP_ENDPOINT set, each request
            // is a trace whose context YARP passes on (traceparent), exported over OTLP.
            .WithTracing(tracing =>
            {
                if (TracingEnabled(configuration))
                {
                    tracing.AddAspNetCoreInstrumentation().AddOtlpExporter();
                }
            });
        return services;
    }

    public static WebApplication MapFacadeMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath);
        return app;
    }
}
