using Microsoft.AspNetCore.Builder;
using Serilog.Events;
using Strangler.ServiceDefaults.Logging;

namespace Shop.BuildingBlocks.Hosting;

/// <summary>The kit's console logging, with every line naming the side that served it and the correlation id.</summary>
public static class ShopLogging
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {ServedBy} {CorrelationId} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddShopLogging(this WebApplicationBuilder builder)
    {
        if (ConsoleLogging.FormatProblem(builder.Configuration) is { } problem)
        {
            throw ShopSettings.Refused(problem);
        }

        var servedBy = builder.Configuration["Serving:Name"] ?? "monolith";
        return builder.AddConsoleLogging(TextTemplate, configure: logger => logger.Enrich.WithProperty("ServedBy", servedBy));
    }

    public static WebApplication UseShopRequestLogging(this WebApplication app) =>
        app.UseRequestLog(options =>
        {
            options.EnrichDiagnosticContext = (context, http) => context.Set("CorrelationId", http.TraceIdentifier);
            // A façade probes /health every few seconds and relays poll /api/outbox every second;
            // successful polls are not worth a line each.
            options.GetLevel = (http, _, exception) =>
                exception is null && http.Response.StatusCode < 400 &&
                (http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/api/outbox"))
                    ? LogEventLevel.Debug
                    : LogEventLevel.Information;
        });
}
