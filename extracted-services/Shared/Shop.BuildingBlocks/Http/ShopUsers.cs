using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.Hosting;
using Strangler.ServiceDefaults.Security;

namespace Shop.BuildingBlocks.Http;

/// <summary>
/// The shop's callers, by the same bearer tokens the façade checks (<c>Authentication:*</c>, the same
/// issuer, audience and keys): a backend does not take the façade's word for who is asking, it checks
/// the token again. On every endpoint but the admin ones (which keep their key), a bearer token that
/// fails is a 401 problem; one that passes becomes the request's user and its trace's <c>enduser.id</c>.
/// A request without a token stays anonymous: the façade's Auth decides which routes need one.
/// </summary>
public static class ShopUsers
{
    public const string Scheme = "ShopUser";
    public const string SectionName = "Authentication";

    public static WebApplicationBuilder AddShopUsers(this WebApplicationBuilder builder)
    {
        var problems = new List<string>();
        var tokens = TokenSettings.Read(builder.Configuration.GetSection(SectionName), problems);
        if (problems.Count > 0)
        {
            throw ShopSettings.Refused([.. problems]);
        }

        if (tokens is not null)
        {
            builder.Services.AddAuthentication().AddJwtBearer(Scheme, tokens.Apply);
            builder.Services.AddSingleton(tokens);
        }

        return builder;
    }

    /// <summary>Checks a caller's bearer token where one is sent (after routing, so the admin endpoints are known).</summary>
    public static WebApplication UseShopUsers(this WebApplication app)
    {
        if (app.Services.GetService<TokenSettings>() is null)
        {
            return app;
        }

        app.Use(static async (context, next) =>
        {
            if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || IsAdminEndpoint(context))
            {
                await next(context);
                return;
            }

            var result = await context.AuthenticateAsync(Scheme);
            if (!result.Succeeded)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status401Unauthorized,
                        Title = "A valid bearer token is needed.",
                        Detail = TokenSettings.Describe(result.Failure),
                    },
                });
                return;
            }

            context.User = result.Principal;
            Activity.Current?.SetTag("enduser.id", result.Principal.FindFirst("sub")?.Value);
            await next(context);
        });
        return app;
    }

    private static bool IsAdminEndpoint(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy == ShopAdmin.Scheme) == true;
}
