using Microsoft.FeatureManagement;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;
using Strangler.Facade.Persistence;

namespace Strangler.Facade.Routing;

internal static class RoutingDecisionServices
{
    /// <summary>
    /// What decides a request's side: the manifest, the flag store and the states read from it, the
    /// feature manager over those states, and the decider. Needs configuration, a clock, logging and
    /// the façade's metrics (the flag store counts changes).
    /// </summary>
    public static IServiceCollection AddRoutingDecision(this IServiceCollection services, FlagStoreOptions flagStore)
    {
        services.AddSingleton<ManifestSource>();
        services.AddFlagStoreDatabase(flagStore);
        services.AddSingleton<FlagStore>();
        services.AddSingleton<CapabilityStates>();
        services.AddSingleton<IFeatureDefinitionProvider, CapabilityFeatureDefinitions>();
        services.AddFeatureManagement();
        services.AddSingleton<SideDecider>();
        return services;
    }
}
