using Shop.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;
using Strangler.ServiceDefaults.Settings;

namespace Shop.BuildingBlocks.Recovery;

/// <summary>
/// <c>Ordering:PlacementTimeout</c> (how old an open attempt must be before recovery may take it from a
/// live request; two minutes) and <c>Ordering:RecoveryInterval</c> (how often it looks; 30 seconds).
/// Read once at start: a value that does not parse stops the host naming the key, rather than leaving
/// a recovery that fails on every sweep.
/// </summary>
public sealed record RecoveryOptions(TimeSpan PlacementTimeout, TimeSpan Interval)
{
    public const string SectionName = "Ordering";

    public static RecoveryOptions FromConfiguration(IConfiguration configuration)
    {
        var settings = new SettingReader(configuration.GetSection(SectionName));
        var timeout = settings.Duration("PlacementTimeout", TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        var interval = settings.Duration("RecoveryInterval", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        settings.ThrowIfAny(ShopSettings.Subject);
        return new RecoveryOptions(timeout, interval);
    }
}
