using Microsoft.FeatureManagement;
using Strangler.Facade.Persistence;

namespace Strangler.Facade.Flags;

internal static class FlagServices
{
    /// <summary>
    /// The capability states: the flag store's database, the states read from it (polled, and on
    /// PostgreSQL also pushed, so other replicas' changes arrive), and Microsoft.FeatureManagement over them.
    /// </summary>
    public static IServiceCollection AddCapabilityFlags(this IServiceCollection services, FlagStoreOptions flagStore)
    {
        services.AddFlagStoreDatabase(flagStore);
        services.AddSingleton<FlagStore>();
        services.AddSingleton<CapabilityStates>();
        services.AddSingleton<CapabilityStateChanges>();
        services.AddHostedService<FlagStorePoller>();
        if (flagStore.Provider == FlagStoreProvider.PostgreSql)
        {
            services.AddSingleton<FlagStoreListener>();
            services.AddHostedService(provider => provider.GetRequiredService<FlagStoreListener>());
        }

        services.AddSingleton<IFeatureDefinitionProvider, CapabilityFeatureDefinitions>();
        services.AddFeatureManagement();
        return services;
    }
}
