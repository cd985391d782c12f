using Strangler.Facade.Manifest;

namespace Strangler.Facade.Recording;

/// <summary>
/// <c>Strangler:Recording</c>: where sampled requests are written (one JSON Lines file per capability)
/// and what is redacted first. Which capabilities are recorded, and how often, is each capability's
/// <c>Record</c> fraction in the manifest.
/// </summary>
internal sealed record RecordingOptions(string Directory, IReadOnlySet<string> RedactHeaders, IReadOnlySet<string> RedactJsonFields, int MaxBodyBytes)
{
    public const string SectionName = ManifestReader.SectionName + ":Recording";
    public const string Redacted = "[redacted]";

    private static readonly string[] AlwaysRedacted = ["Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key"];

    public static RecordingOptions FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(SectionName);
        var problems = new List<string>();
        ManifestKeys.RejectUnknown(section, ManifestKeys.Recording, problems);

        var maxBody = SettingValues.Whole(section, "MaxBodyBytes", 64 * 1024, 0, 16 * 1024 * 1024, problems);

        if (problems.Count > 0)
        {
            throw new InvalidManifestException(problems);
        }

        return new RecordingOptions(
            Path.GetFullPath(Path.Combine(contentRoot, section["Directory"] ?? "recordings")),
            Values(section.GetSection("RedactHeaders")).Concat(AlwaysRedacted).ToHashSet(StringComparer.OrdinalIgnoreCase),
            Values(section.GetSection("RedactJsonFields")).ToHashSet(StringComparer.OrdinalIgnoreCase),
            maxBody);
    }

    private static IEnumerable<string> Values(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v))!;
}
