using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Identity;

/// <summary>
/// The façade's JwtBearer scheme, set from the manifest's <c>Strangler:Authentication</c>. Not a default
/// scheme: only the proxy pipeline's identity step authenticates with it, and only on routes whose Auth asks.
/// A manifest reload that changes the accepted tokens takes effect on the next request.
/// </summary>
internal static class FacadeBearer
{
    public const string Scheme = "StranglerBearer";

    public static IServiceCollection AddFacadeBearer(this IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<ManifestSource>((options, manifests) => manifests.Current.Identity.Tokens?.Apply(options));
        return services;
    }

    /// <summary>Forgets the scheme's options when the manifest changes, so the next request reads the new ones.</summary>
    public static WebApplication RefreshBearerOnReload(this WebApplication app)
    {
        var cache = app.Services.GetRequiredService<IOptionsMonitorCache<JwtBearerOptions>>();
        app.Services.GetRequiredService<ManifestSource>().Changed += _ => cache.TryRemove(Scheme);
        return app;
    }
}
