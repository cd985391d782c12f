using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Shop.BuildingBlocks.Hosting;

public static class LoggingSetup
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {ServedBy} {CorrelationId} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog to the console: readable text by default, one JSON object a line with
    /// <c>Logging:Format=json</c>. Every line names the side that served it and the correlation id.
    /// </summary>
    public static WebApplicationBuilder AddShopLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Logging:Format"] ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new Settings.InvalidConfigurationException(
                $"Logging:Format is '{format}'; expected 'text' or 'json'.");
        }

        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("ServedBy", builder.Configuration["Serving:Name"] ?? "monolith")
                // A busy port is the user's to fix and HostStart says so in one line; the host's own
                // "failed to start" entry would repeat it with two stack traces.
                .Filter.ByExcluding(e => e.Exception is IOException io && HostStart.IsAddressInUse(io));
            if (format == "json")
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        }, preserveStaticLogger: true); // several hosts may share a process (the sample's app host, tests)
        return builder;
    }

    public static WebApplication UseShopRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // This host's own logger: the static one belongs to nobody when several hosts share a process.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (context, http) => context.Set("CorrelationId", http.TraceIdentifier);
            // A façade probes /health every few seconds and relays poll /api/outbox every second;
            // successful polls are not worth a line each.
            options.GetLevel = (http, _, exception) =>
                exception is null && http.Response.StatusCode < 400 &&
                (http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/api/outbox"))
                    ? LogEventLevel.Debug
                    : LogEventLevel.Information;
        });
        return app;
    }
}
