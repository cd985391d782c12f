using Strangler.ServiceDefaults.Settings;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Recording;

/// <summary>
/// <c>Strangler:Recording</c>: where sampled requests are written (one JSON Lines file per capability)
/// and what is redacted first. Which capabilities are recorded, and how often, is each capability's
/// <c>Record</c> fraction in the manifest; <c>DefaultRoute</c> is the same for what no capability
/// claims yet, written to <see cref="DefaultRouteFile"/>, so the traffic of the next capability can be
/// recorded before it exists.
/// </summary>
internal sealed record RecordingOptions(string Directory, IReadOnlySet<string> RedactHeaders, IReadOnlySet<string> RedactJsonFields, int MaxBodyBytes, double DefaultRoute = 0)
{
    /// <summary>A name no capability can have (capability names hold no underscore).</summary>
    public const string DefaultRouteFile = "_default-route";

    public const string SectionName = ManifestReader.SectionName + ":Recording";
    public const string Redacted = "[redacted]";

    private static readonly string[] AlwaysRedacted = ["Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key"];

    public static RecordingOptions FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(SectionName);
        var problems = new List<string>();
        ManifestKeys.RejectUnknown(section, ManifestKeys.Recording, problems);

        var maxBody = new SettingReader(section, problems).Whole("MaxBodyBytes", 64 * 1024, 0, 16 * 1024 * 1024);
        var defaultRoute = new SettingReader(section, problems).Fraction("DefaultRoute", 0);

        if (problems.Count > 0)
        {
            throw FacadeSettingsRefusal.Of(problems);
        }

        return new RecordingOptions(
            Path.GetFullPath(Path.Combine(contentRoot, section["Directory"] ?? "recordings")),
            Values(section.GetSection("RedactHeaders")).Concat(AlwaysRedacted).ToHashSet(StringComparer.OrdinalIgnoreCase),
            Values(section.GetSection("RedactJsonFields")).ToHashSet(StringComparer.OrdinalIgnoreCase),
            maxBody,
            defaultRoute);
    }

    private static IEnumerable<string> Values(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v))!;
}
