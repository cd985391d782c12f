using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.AspNetCore;
using Serilog.Formatting.Compact;
using Strangler.ServiceDefaults.Hosting;

namespace Strangler.ServiceDefaults.Logging;

/// <summary>
/// Serilog to the console: readable text by default, one JSON object a line with
/// <c>Logging:Format=json</c>. Each host gives its own text template and its own quiet defaults.
/// </summary>
public static class ConsoleLogging
{
    public const string FormatKey = "Logging:Format";

    /// <summary>The problem with <c>Logging:Format</c>, or null when it is absent, "text" or "json".</summary>
    public static string? FormatProblem(IConfiguration configuration) =>
        configuration[FormatKey] is { } format && format is not ("text" or "json")
            ? $"{FormatKey} is '{format}'; expected 'text' or 'json'."
            : null;

    /// <param name="builder">The host; its <c>Logging:Format</c> must have passed <see cref="FormatProblem"/>.</param>
    /// <param name="textTemplate">The line format in text mode.</param>
    /// <param name="defaults">Levels set before the configuration is read, so that a configured level wins.</param>
    /// <param name="configure">Enrichers and filters of the host's own, after the configuration.</param>
    public static WebApplicationBuilder AddConsoleLogging(
        this WebApplicationBuilder builder,
        string textTemplate,
        Action<LoggerConfiguration>? defaults = null,
        Action<LoggerConfiguration>? configure = null)
    {
        var json = builder.Configuration[FormatKey] == "json";
        builder.Services.AddSerilog((_, logger) =>
        {
            defaults?.Invoke(logger);
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext()
                // A busy port is the user's to fix and the host says so in one line; the host's own
                // "failed to start" entry would repeat it with two stack traces.
                .Filter.ByExcluding(e => e.Exception is { } exception && AddressInUse.Is(exception));
            configure?.Invoke(logger);
            if (json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: textTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }

            OtlpLogs.WriteTo(logger, builder.Configuration);
        }, preserveStaticLogger: true); // several hosts may share a process (the sample's app host, tests)
        return builder;
    }

    /// <summary>One line per request, written by this host's own logger.</summary>
    public static WebApplication UseRequestLog(this WebApplication app, Action<RequestLoggingOptions> configure)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // The static logger belongs to nobody when several hosts share a process.
            options.Logger = app.Services.GetRequiredService<ILogger>();
            configure(options);
        });
        return app;
    }
}
