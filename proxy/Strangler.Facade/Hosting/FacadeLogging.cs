using Serilog.Events;
using Strangler.ServiceDefaults.Logging;
using Strangler.ServiceDefaults.Security;
using Strangler.Facade.Observability;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Hosting;

internal static class FacadeLogging
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] facade {CorrelationId} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    private const string RequestTemplate =
        "HTTP {RequestMethod} {RequestPath} {Capability} {Mode} -> {ServedBy}{Fallback} responded {StatusCode} in {Elapsed:0.0} ms";

    /// <summary>Serilog to the console, text by default or one JSON object a line with <c>Logging:Format=json</c>.</summary>
    public static WebApplicationBuilder AddFacadeLogging(this WebApplicationBuilder builder)
    {
        var tracing = Telemetry.TracingEnabled(builder.Configuration);
        return builder.AddConsoleLogging(TextTemplate, defaults: logger =>
        {
            // Quiet defaults for the chattiest libraries (a minimal manifest would otherwise log every
            // flag-store query).
            logger.MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                // A health probe or a page without the key is not news; a health change is logged once, with its reason, by the façade's own policy.
                .MinimumLevel.Override(typeof(AdminKeyAuthentication).FullName!, LogEventLevel.Warning)
                .MinimumLevel.Override("Yarp.ReverseProxy.Health.DestinationHealthUpdater", LogEventLevel.Error);
        }, configure: logger =>
        {
            // YARP logs each failed forward as a warning with its stack; the routing step logs one line
            // per failure instead, with the stack at Debug.
            logger.Filter.ByExcluding(e => e.Level == LogEventLevel.Warning && e.Exception is not null && IsForwarderLog(e));
            if (!tracing)
            {
                // ASP.NET Core starts an Activity for every request whose hosting logger is enabled at
                // any level, and the forwarder then writes a traceparent on every proxied request. Its
                // lines (request started and finished) are the request log's job here; without tracing,
                // that logger is off and no request pays for an Activity nobody records (see bench/).
                logger.MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LevelAlias.Off);
            }
        });
    }

    private static bool IsForwarderLog(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: "Yarp.ReverseProxy.Forwarder.HttpForwarder" };

    /// <summary>
    /// Proxied traffic at Information, failures at Error; the façade's own admin API and dashboard at
    /// Debug when they succeed, so an open dashboard tab polling every two seconds does not fill the log.
    /// </summary>
    private static LogEventLevel RequestLevel(HttpContext context, double elapsed, Exception? exception) =>
        exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
        : context.Request.Path.StartsWithSegments(Strangler.Contracts.AdminRoutes.Prefix) && context.Response.StatusCode < 400 ? LogEventLevel.Debug
        : LogEventLevel.Information;

    /// <summary>One line per request with its capability, mode, the side that served it and how long it took.</summary>
    public static WebApplication UseFacadeRequestLogging(this WebApplication app) =>
        app.UseRequestLog(options =>
        {
            options.MessageTemplate = RequestTemplate;
            options.GetLevel = RequestLevel;
            options.EnrichDiagnosticContext = static (diagnostics, http) =>
            {
                var decision = http.Features.Get<FacadeResponse>()?.Decision;
                diagnostics.Set("Capability", decision?.Capability ?? "-");
                diagnostics.Set("Mode", decision?.Mode?.ToString() ?? "-");
                diagnostics.Set("ServedBy", decision?.ServedBy ?? RoutingDecision.ServedByFacade);
                diagnostics.Set("Fallback", decision?.Fallback is { } fallback ? $" (fallback: {fallback})" : "");
            };
        });
}
