using Microsoft.FeatureManagement;
using Strangler.Facade.Persistence;

namespace Strangler.Facade.Flags;

internal static class FlagServices
{
    /// <summary>
    /// The capability states: the flag store's database, the states read from it (and polled, so other
    /// replicas' changes arrive), and Microsoft.FeatureManagement over them.
    /// </summary>
    public static IServiceCollection AddCapabilityFlags(this IServiceCollection services, FlagStoreOptions flagStore)
    {
        services.AddFlagStoreDatabase(flagStore);
        services.AddSingleton<FlagStore>();
        services.AddSingleton<CapabilityStates>();
        services.AddSingleton<CapabilityStateChanges>();
        services.AddHostedService<FlagStorePoller>();
        services.AddSingleton<IFeatureDefinitionProvider, CapabilityFeatureDefinitions>();
        services.AddFeatureManagement();
        return services;
    }
}
