using Shop.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;
using Strangler.ServiceDefaults.Settings;

namespace Shop.Sync.Feeds;

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
        var prefix = $"{SectionName}:{name}";
        var settings = new SettingReader(configuration.GetSection(prefix)).Known(Keys);
        var url = settings.Url("Url", "http://127.0.0.1:5100");
        var poll = settings.Duration("PollInterval", TimeSpan.FromSeconds(1), TimeSpan.FromTicks(1), TimeSpan.FromMinutes(10));
        var batch = settings.Whole("BatchSize", 100, 1, Outbox.OutboxFeedApi.MaxLimit);
        var gap = settings.Duration("GapTimeout", TimeSpan.FromSeconds(5), TimeSpan.Zero, TimeSpan.FromMinutes(10));
        settings.ThrowIfAny(ShopSettings.Subject);
        return new FeedOptions(name, url, settings.Text("Module") ?? defaultModule, settings.Text("ApiKey"), poll, batch, gap);
    }
}
