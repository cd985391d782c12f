using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Strangler.Contracts;

namespace Strangler.Facade.Observability;

/// <summary>OpenTelemetry metrics for the façade, with a Prometheus scrape endpoint at <c>/strangler/metrics</c>.</summary>
internal static class Telemetry
{
    public const string ScrapePath = AdminRoutes.Prefix + "/metrics";

    public static IServiceCollection AddFacadeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FacadeMetrics>();
        services.AddSingleton<TrafficWindow>();
        services.AddSingleton<TrafficReport>();
        services.AddHostedService<GuardrailWatcher>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FacadeMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            // A scrape always answers with the numbers as they are now, not a copy kept for a while.
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0))
            // Each request is a trace whose context YARP passes to the backend (traceparent), so the
            // monolith's or service's part of it joins the same trace; with an OTLP endpoint set
            // (OTEL_EXPORTER_OTLP_ENDPOINT), traces are exported there.
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                {
                    tracing.AddOtlpExporter();
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
