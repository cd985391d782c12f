using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Strangler.ServiceDefaults.Correlation;

namespace Shop.BuildingBlocks.Http;

public static class HttpDefaults
{
    /// <summary>The largest request body the shop reads; larger bodies get a 413 before any handler runs.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>
    /// ProblemDetails everywhere, strict JSON (a string is not a number, a missing required field is
    /// an error), and binding failures raised so that <see cref="RequestExceptionHandler"/> can name them.
    /// </summary>
    public static IServiceCollection AddShopHttpDefaults(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<RequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });

        return services.AddShopAdmin();
    }

    /// <summary>Correlation id first, so that even refused requests carry it; then errors, auth (admin keys, and callers' bearer tokens).</summary>
    public static WebApplication UseShopHttpDefaults(this WebApplication app)
    {
        app.UseCorrelationIds(CorrelationIdMiddleware.EchoOnResponse);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<JsonCharsetMiddleware>();
        app.UseAuthentication();
        app.UseShopUsers();
        app.UseAuthorization();
        return app;
    }
}
