namespace Strangler.Facade.Shadowing;

internal static class ShadowingServices
{
    /// <summary>The tap on the request path, the bounded queue and memory behind it, the workers that send and compare copies, and where mismatches are kept.</summary>
    public static IServiceCollection AddShadowing(this IServiceCollection services, ShadowOptions options) =>
        services.AddSingleton(options)
            .AddSingleton<ShadowStats>()
            .AddSingleton<ShadowMemory>()
            .AddSingleton<ShadowQueue>()
            .AddSingleton<ShadowSender>()
            .AddSingleton<ShadowPressure>()
            .AddHostedService(provider => provider.GetRequiredService<ShadowPressure>())
            .AddSingleton<ShadowTap>()
            .AddSingleton<GoldenMaterials>()
            .AddSingleton<MismatchStore>()
            .AddHostedService<ShadowWorker>();
}
