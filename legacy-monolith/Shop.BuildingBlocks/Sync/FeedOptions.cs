using Microsoft.Extensions.Configuration;
using Shop.BuildingBlocks.Persistence;

namespace Shop.BuildingBlocks.Sync;

/// <summary>
/// One feed this host reads, from <c>Sync:Feeds:&lt;name&gt;</c>: the base URL of the system whose
/// outbox it reads, which module's outbox, the admin key, and how often to poll. A feed without a
/// <c>Url</c> is off. <c>GapTimeout</c> is how long a missing sequence number is waited for before
/// it is taken for a rolled-back write (see <see cref="OutboxRelay{TContext}"/>).
/// </summary>
public sealed record FeedOptions(string Name, Uri? Url, string Module, string? ApiKey, TimeSpan PollInterval, int BatchSize, TimeSpan GapTimeout)
{
    public const string SectionName = "Sync:Feeds";
    private static readonly string[] Keys = ["Url", "Module", "ApiKey", "PollInterval", "BatchSize", "GapTimeout"];

    public bool Enabled => Url is not null;

    /// <summary>Reads and validates the section; every problem is named in one exception.</summary>
    public static FeedOptions FromConfiguration(IConfiguration configuration, string name, string defaultModule)
    {
        var section = configuration.GetSection($"{SectionName}:{name}");
        var prefix = $"{SectionName}:{name}";
        var problems = section.GetChildren().Where(child => !Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            .Select(child => $"{prefix}:{child.Key} is not a setting; expected one of: {string.Join(", ", Keys)}.").ToList();

        Uri? url = null;
        var urlText = section["Url"];
        if (!string.IsNullOrWhiteSpace(urlText) &&
            (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            problems.Add($"{prefix}:Url is '{urlText}'; expected an absolute http(s) URL such as http://127.0.0.1:5100.");
        }

        var poll = TimeSpan.FromSeconds(1);
        if (section["PollInterval"] is { } pollText && (!TimeSpan.TryParse(pollText, System.Globalization.CultureInfo.InvariantCulture, out poll) || poll <= TimeSpan.Zero || poll > TimeSpan.FromMinutes(10)))
        {
            problems.Add($"{prefix}:PollInterval is '{pollText}'; expected a duration between 00:00:00.001 and 00:10:00.");
        }

        var batch = 100;
        if (section["BatchSize"] is { } batchText && (!int.TryParse(batchText, out batch) || batch is < 1 or > Outbox.OutboxFeedApi.MaxLimit))
        {
            problems.Add($"{prefix}:BatchSize is '{batchText}'; expected a whole number between 1 and {Outbox.OutboxFeedApi.MaxLimit}.");
        }

        var gap = TimeSpan.FromSeconds(5);
        if (section["GapTimeout"] is { } gapText &&
            (!TimeSpan.TryParse(gapText, System.Globalization.CultureInfo.InvariantCulture, out gap) || gap < TimeSpan.Zero || gap > TimeSpan.FromMinutes(10)))
        {
            problems.Add($"{prefix}:GapTimeout is '{gapText}'; expected a duration from 00:00:00 to 00:10:00.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(string.Join(Environment.NewLine, problems));
        }

        var key = section["ApiKey"];
        return new FeedOptions(name, url, section["Module"] ?? defaultModule, string.IsNullOrEmpty(key) ? null : key, poll, batch, gap);
    }
}
