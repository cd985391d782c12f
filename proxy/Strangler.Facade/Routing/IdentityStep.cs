using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;
using Strangler.Facade.Requests;
using Strangler.Facade.Identity;
using Strangler.Facade.Settings;
using Strangler.ServiceDefaults.Security;

namespace Strangler.Facade.Routing;

/// <summary>
/// Who is asking, on routes whose Auth asks: the caller's bearer token is validated here, once, and its
/// claims become the request's user for targeting. Where Auth is Required, a request without a valid
/// token gets a 401 problem and nothing is forwarded; where it is Optional, no token is fine, but a
/// bearer token that fails is refused all the same (a forged or expired token must not pass as
/// anonymous). The token itself travels on untouched, so the side that answers, and a shadow copy,
/// see the same identity and can check it themselves.
/// </summary>
internal sealed class IdentityStep(ManifestSource manifests, ProxyProblems problems) : IProxyStep
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var manifest = manifests.Current;
        var auth = RouteCapability.Of(context.GetReverseProxyFeature(), manifest)?.Auth ?? manifest.Identity.DefaultRoute;
        return auth == AuthMode.None ? next(context) : AuthenticateAsync(context, next, auth);
    }

    private async Task AuthenticateAsync(HttpContext context, RequestDelegate next, AuthMode auth)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!bearer && (auth == AuthMode.Optional || header.Length == 0 && auth != AuthMode.Required))
        {
            await next(context);
            return;
        }

        if (header.Length == 0)
        {
            await RefuseAsync(context, "This route needs a bearer token: send 'Authorization: Bearer <token>'.");
            return;
        }

        if (!bearer)
        {
            await RefuseAsync(context, "This route needs a bearer token; the Authorization header names another scheme.");
            return;
        }

        var result = await context.AuthenticateAsync(FacadeBearer.Scheme);
        if (!result.Succeeded)
        {
            await RefuseAsync(context, TokenSettings.Describe(result.Failure));
            return;
        }

        context.User = result.Principal;
        await next(context);
    }

    private Task RefuseAsync(HttpContext context, string why)
    {
        RoutingDecision.Track(context, new RoutingDecision { ServedBy = RoutingDecision.ServedByFacade });
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return problems.WriteUnauthenticatedAsync(context, why);
    }
}
