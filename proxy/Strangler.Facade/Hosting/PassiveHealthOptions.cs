using System.Globalization;
using Strangler.Facade.Manifest;
using Yarp.ReverseProxy.Health;

namespace Strangler.Facade.Hosting;

/// <summary>
/// <c>Strangler:Proxy:PassiveHealthWindow</c>: the window over which YARP judges a destination's
/// transport failures under real traffic. YARP keeps a destination that failed out for the larger of
/// this window and the cluster's <c>ReactivationPeriod</c>, so the window also bounds how soon a
/// recovered service takes traffic again. YARP's own default is a minute; ten seconds suits a façade
/// whose reads fall back to the monolith anyway.
/// </summary>
internal static class PassiveHealthOptions
{
    public const string Key = ManifestReader.SectionName + ":Proxy:PassiveHealthWindow";

    public static IServiceCollection AddPassiveHealthWindow(this IServiceCollection services, IConfiguration configuration)
    {
        var window = TimeSpan.FromSeconds(10);
        var text = configuration[Key];
        if (text is not null &&
            (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out window) || window < TimeSpan.FromMilliseconds(100) || window > TimeSpan.FromMinutes(10)))
        {
            throw new InvalidManifestException([$"{Key} is '{text}'; expected a duration from 00:00:00.1 to 00:10:00."]);
        }

        return services.Configure<TransportFailureRateHealthPolicyOptions>(options => options.DetectionWindowSize = window);
    }
}
