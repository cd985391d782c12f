using Microsoft.Extensions.Configuration;

namespace Strangler.Scan;

/// <summary>
/// <c>StranglerScan</c> (the monolith's settings, apart from the façade's <c>Strangler</c>): <c>Directory</c>, where each run's file goes (default <c>scan</c>, under
/// <c>STRANGLER_DATA</c> when set, else the content root); <c>Host</c>, the name the file gives
/// (default the application's); <c>SaveInterval</c>, how often the file is brought up to date
/// (default 10 s, 1 s to 1 h; and always at shutdown).
/// </summary>
internal sealed record ScanOptions(string Directory, string Host, TimeSpan SaveInterval)
{
    public const string SectionName = "StranglerScan";

    public static ScanOptions FromConfiguration(IConfiguration configuration, string contentRoot, string applicationName)
    {
        var section = configuration.GetSection(SectionName);
        var root = Environment.GetEnvironmentVariable("STRANGLER_DATA") is { Length: > 0 } data ? data : contentRoot;
        var directory = Path.GetFullPath(Path.Combine(root, section["Directory"] ?? "scan"));
        var interval = TimeSpan.FromSeconds(10);
        if (section["SaveInterval"] is { } text && (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out interval)
            || interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromHours(1)))
        {
            throw new InvalidOperationException($"{SectionName}:SaveInterval must be a duration from 00:00:01 to 01:00:00; got '{text}'.");
        }

        return new ScanOptions(directory, section["Host"] is { Length: > 0 } host ? host : applicationName, interval);
    }
}
