using Serilog.Events;
using Strangler.ServiceDefaults.Logging;
using Strangler.ServiceDefaults.Security;
using Strangler.Facade.Observability;

namespace Strangler.Facade.Hosting;

internal static class FacadeLogging
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] facade {CorrelationId} {SourceContext}: {Message:lj}{NewLine}{Exception}";

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
}
