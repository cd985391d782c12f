using Strangler.Facade.Flags;
using Strangler.Facade.Persistence;
using Strangler.Facade.Settings;
using Yarp.ReverseProxy.Configuration;

namespace Strangler.Facade.Routing;

internal static class RoutingServices
{
    /// <summary>
    /// What decides a request's side: the settings, the capability flags and the decider. Needs
    /// configuration, a clock, logging and the façade's metrics (the flag store counts changes).
    /// </summary>
    public static IServiceCollection AddSideDecision(this IServiceCollection services, FlagStoreOptions flagStore) =>
        services.AddSingleton<ManifestSource>()
            .AddCapabilityFlags(flagStore)
            .AddSingleton<SideDecider>();

    /// <summary>YARP fed by the settings (one route per capability route, and the default) and the façade's proxy steps.</summary>
    public static IServiceCollection AddCapabilityRouting(this IServiceCollection services)
    {
        services.AddSingleton<ManifestProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<ManifestProxyConfigProvider>());
        services.AddReverseProxy().AddTransforms(HeaderHygiene.Apply);
        services.AddFacadeSteps();
        return services;
    }
}
