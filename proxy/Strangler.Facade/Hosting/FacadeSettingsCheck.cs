using Strangler.Facade.Admin;
using Strangler.Facade.Settings;
using Strangler.Facade.Persistence;
using Strangler.Facade.Recording;
using Strangler.Facade.Shadowing;
using Strangler.Facade.Health;
using Strangler.ServiceDefaults.Logging;
using Strangler.ServiceDefaults.Settings;

namespace Strangler.Facade.Hosting;

/// <summary>
/// Every check the façade's configuration must pass, in one place: at start, and again on every
/// reload before a changed file is let in (<see cref="GuardedJsonConfigurationProvider"/>). So a reload
/// can never accept what start-up refuses.
/// </summary>
internal static class FacadeSettingsCheck
{
    /// <summary>The settings read, or every problem with them (the settings are then incomplete).</summary>
    public static FacadeSettingsRead Read(IConfiguration configuration, string contentRoot)
    {
        var problems = new List<string>();
        var flagStore = Check(problems, () => FlagStoreOptions.FromConfiguration(configuration, contentRoot));
        var shadow = Check(problems, () => ShadowOptions.FromConfiguration(configuration));
        var recording = Check(problems, () => RecordingOptions.FromConfiguration(configuration, contentRoot));
        var manifest = Check(problems, () => ManifestReader.Read(configuration));
        if (manifest is not null && shadow is not null)
        {
            problems.AddRange(manifest.Capabilities.Where(c => c.Shadow.DryRunWrites && shadow.DryRunSecret is null).Select(c =>
                $"Strangler:Capabilities:{c.Name}:Shadow:DryRunWrites is true, but {ShadowOptions.SectionName}:DryRunSecret is not set: the service could not tell the façade's dry runs from real writes."));
            problems.AddRange(manifest.Capabilities.Where(c => c.Shadow.MaxBodyBytes > shadow.MaxRequestBodyBytes).Select(c =>
                $"Strangler:Capabilities:{c.Name}:Shadow:MaxBodyBytes is {c.Shadow.MaxBodyBytes}; it can only lower {ShadowOptions.SectionName}:MaxRequestBodyBytes ({shadow.MaxRequestBodyBytes})."));
        }

        if (ConsoleLogging.FormatProblem(configuration) is { } logFormat)
        {
            problems.Add(logFormat);
        }

        var passiveHealthWindow = PassiveHealthOptions.Read(configuration, problems);
        // Admin keys are read on every admin request (so they rotate without a restart); a misspelt
        // key name under Admin is still refused.
        ManifestKeys.RejectUnknown(configuration.GetSection(ManifestReader.SectionName + ":Admin"), ManifestKeys.Admin, problems);
        problems.AddRange(AdminKeys.Source.TooShort(configuration));
        return new FacadeSettingsRead(flagStore, shadow, recording, manifest, passiveHealthWindow, problems);
    }

    private static T? Check<T>(List<string> problems, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidSettingsException exception)
        {
            problems.AddRange(exception.Problems);
            return default;
        }
    }
}

/// <summary>What <see cref="FacadeSettingsCheck.Read"/> found; usable only when <see cref="Problems"/> is empty.</summary>
internal sealed record FacadeSettingsRead(
    FlagStoreOptions? FlagStore,
    ShadowOptions? Shadow,
    RecordingOptions? Recording,
    CapabilityManifest? Manifest,
    TimeSpan PassiveHealthWindow,
    IReadOnlyList<string> Problems);
