using Strangler.ServiceDefaults.Settings;
using Strangler.Facade.Settings;
using Yarp.ReverseProxy.Health;

namespace Strangler.Facade.Health;

/// <summary>
/// <c>Strangler:Proxy:PassiveHealthWindow</c>: the window over which YARP judges a destination's
/// transport failures under real traffic. YARP keeps a destination that failed out for the larger of
/// this window and the cluster's <c>ReactivationPeriod</c>, so the window also bounds how soon a
/// recovered service takes traffic again. YARP's own default is a minute; ten seconds suits a façade
/// whose reads fall back to the monolith anyway. How a failure takes a destination out is
/// <see cref="Health.FirstFailurePassivePolicy"/>.
/// </summary>
internal static class PassiveHealthOptions
{
    public const string Section = ManifestReader.SectionName + ":Proxy";

    public static TimeSpan Read(IConfiguration configuration, List<string> problems)
    {
        ManifestKeys.RejectUnknown(configuration.GetSection(Section), ManifestKeys.Proxy, problems);
        return new SettingReader(configuration.GetSection(Section), problems).Duration("PassiveHealthWindow", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
    }

    /// <summary>How destinations leave and rejoin rotation: the façade's passive and probing policies, the probe log the views read, and the repair of a stale state.</summary>
    public static IServiceCollection AddDestinationHealth(this IServiceCollection services, TimeSpan window) =>
        services.Configure<TransportFailureRateHealthPolicyOptions>(options => options.DetectionWindowSize = window)
            .AddSingleton<IPassiveHealthCheckPolicy, FirstFailurePassivePolicy>()
            .AddSingleton<ProbeLog>()
            .AddSingleton<IActiveHealthCheckPolicy, ProbingHealthPolicy>()
            .AddHostedService<HealthStateRepair>();
}
