using Strangler.ServiceDefaults.Settings;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// <c>Strangler:Shadow</c>: the bounds of the shadow path. The queue (by count and by bytes held) and
/// the workers bound what shadowing can cost; when either bound is reached a copy is dropped (and
/// counted), never waited for. <c>ShedAboveCpu</c> and <c>ShedAboveLatencyRatio</c> say when copies are
/// shed before either bound is reached (see <see cref="ShadowPressure"/>).
/// </summary>
internal sealed record ShadowOptions(
    int QueueCapacity, int Workers, int MaxRequestBodyBytes, int MaxCapturedBodyBytes, string? DryRunSecret, int MismatchRetention, int MaxQueuedBytes,
    double ShedAboveCpu = 0.9, double ShedAboveLatencyRatio = 3, bool ShedWhenQueueOverflows = true)
{
    public const string SectionName = ManifestReader.SectionName + ":Shadow";

    public static ShadowOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var problems = new List<string>();
        ManifestKeys.RejectUnknown(section, ManifestKeys.Shadow, problems);
        var options = new ShadowOptions(
            new SettingReader(section, problems).Whole("QueueCapacity", 1000, 1, 100_000),
            new SettingReader(section, problems).Whole("Workers", 4, 1, 64),
            new SettingReader(section, problems).Whole("MaxRequestBodyBytes", 1024 * 1024, 0, 64 * 1024 * 1024),
            new SettingReader(section, problems).Whole("MaxCapturedBodyBytes", 1024 * 1024, 1024, 64 * 1024 * 1024),
            string.IsNullOrEmpty(section["DryRunSecret"]) ? null : section["DryRunSecret"],
            new SettingReader(section, problems).Whole("MismatchRetention", 1000, 1, 1_000_000),
            new SettingReader(section, problems).Whole("MaxQueuedBytes", 32 * 1024 * 1024, 1024 * 1024, 1024 * 1024 * 1024),
            new SettingReader(section, problems).Fraction("ShedAboveCpu", 0.9),
            new SettingReader(section, problems).Whole("ShedAboveLatencyRatio", 3, 2, 100),
            new SettingReader(section, problems).Boolean("ShedWhenQueueOverflows", true));
        if (options.DryRunSecret is { Length: < 16 })
        {
            problems.Add($"{SectionName}:DryRunSecret must be at least 16 characters: it is what stops anyone else from asking a service for a dry run.");
        }

        if (problems.Count == 0 && options.MaxQueuedBytes < (long)options.MaxRequestBodyBytes + options.MaxCapturedBodyBytes)
        {
            problems.Add($"{SectionName}:MaxQueuedBytes is {options.MaxQueuedBytes}; it must hold at least one copy of the largest size, " +
                $"MaxRequestBodyBytes + MaxCapturedBodyBytes = {(long)options.MaxRequestBodyBytes + options.MaxCapturedBodyBytes}.");
        }

        if (problems.Count > 0)
        {
            throw FacadeSettingsRefusal.Of(problems);
        }

        return options;
    }
}
