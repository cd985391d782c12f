using Strangler.ServiceDefaults.Health;
using System.Text.Json.Serialization;
using Strangler.ServiceDefaults.Hosting;

namespace Strangler.Facade.Hosting;

internal static class HostingServices
{
    /// <summary>What every endpoint of the façade relies on: the clock, RFC 9457 problems with the correlation id, JSON with named enums, the OpenAPI document and the readiness checks.</summary>
    public static IServiceCollection AddFacadeHosting(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.TraceIdentifier;
        });
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(options => OpenApiTitle.Set(options, "Strangler façade admin API", "Capabilities, their modes and audit, shadow comparisons and traffic: the façade's own API under /strangler."));
        services.AddHealthChecks()
            .AddCheck<FlagStoreHealthCheck>("flag-store", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<ConfigurationHealthCheck>("configuration", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
