using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.BuildingBlocks.DryRun;
using Shop.BuildingBlocks.Http;
using Shop.BuildingBlocks.Persistence;
using Strangler.ServiceDefaults.Health;
using Strangler.ServiceDefaults.Hosting;

namespace Shop.BuildingBlocks.Hosting;

/// <summary>
/// What every shop host has, the monolith and each extracted service alike: SQLite files beside the
/// host by default, Serilog with correlation ids, ProblemDetails, a body limit, the microsecond
/// clock, dry runs and health. Each host adds what is its own (modules, endpoints, Shop.Sync's
/// feeds) and its OpenAPI document, whose source generator belongs in the host.
/// </summary>
public static class ShopHost
{
    /// <summary>Creates the builder with the default SQLite folder (under the content root, or <c>STRANGLER_DATA</c>); call before a test's own settings.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The default SQLite folder sits with the host, wherever the command was typed, unless
            // STRANGLER_DATA moves every part's files elsewhere.
            [$"{DatabaseOptions.SectionName}:SqliteDirectory"] =
                builder.Configuration[$"{DatabaseOptions.SectionName}:SqliteDirectory"]
                ?? SampleDataRoot.FolderFor(builder.Configuration["Serving:Name"] ?? "monolith")
                ?? Path.Combine(builder.Environment.ContentRootPath, "data"),
        });
        return builder;
    }

    public static WebApplicationBuilder AddShopHostDefaults(this WebApplicationBuilder builder)
    {
        if (ShopAdmin.Key.TooShort(builder.Configuration).ToArray() is [_, ..] tooShort)
        {
            throw ShopSettings.Refused(tooShort);
        }

        builder.AddShopLogging();
        builder.AddShopUsers();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = HttpDefaults.MaxRequestBodyBytes);
        builder.Services.AddSingleton<TimeProvider>(MicrosecondClock.Instance);
        builder.Services.AddShopHttpDefaults();
        builder.Services.AddDryRun();
        builder.Services.AddModuleDatabaseHealthChecks();
        // Requests are traces (continued from the façade's traceparent) and metrics where they go
        // somewhere: with OTEL_EXPORTER_OTLP_ENDPOINT set (the Aspire host sets it) they are exported over OTLP.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>The middleware in its order, then the endpoints every host serves.</summary>
    public static WebApplication UseShopHostDefaults(this WebApplication app)
    {
        app.WarnWhenExposedInDevelopment(app.Configuration["Serving:Name"] ?? app.Environment.ApplicationName, "its development admin key and dry-run secret");
        app.UseShopHttpDefaults();
        app.UseShopRequestLogging();
        app.UseDryRun();
        app.MapHealthEndpoints("/health");
        return app;
    }

    /// <summary>Migrates every module database the host registered.</summary>
    public static async Task MigrateDatabasesAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        foreach (var database in app.Services.GetServices<IModuleDatabase>())
        {
            await database.MigrateAsync(app.Services, cancellationToken);
        }
    }
}
