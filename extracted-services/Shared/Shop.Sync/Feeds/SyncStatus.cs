using System.Collections.Concurrent;

namespace Shop.Sync.Feeds;

/// <summary>
/// One feed as the status endpoint shows it. <see cref="Lag"/> 0 means in step with the last poll;
/// <see cref="Received"/> counts events taken in since start (applied, stale or ignored), <see cref="Duplicates"/> those delivered again.
/// </summary>
/// <see cref="Paused"/>: an operator paused the relay (<c>POST /api/sync/feeds/{feed}/pause</c>); nothing is taken in until it is resumed.
public sealed record FeedStatus(
    string Feed, string? Source, string Module, long Cursor, long Head, long Lag, long Received, long Duplicates,
    DateTimeOffset? LastPolledAt, string? LastError, bool Paused = false);

/// <summary>What each relay of this host last did, for <c>GET /api/sync/status</c> and the logs.</summary>
public sealed class SyncStatus
{
    private readonly ConcurrentDictionary<string, FeedStatus> _feeds = new(StringComparer.Ordinal);

    public SyncStatus(IEnumerable<FeedOptions> feeds)
    {
        foreach (var feed in feeds)
        {
            _feeds[feed.Name] = new FeedStatus(feed.Name, feed.Url?.ToString(), feed.Module, 0, 0, 0, 0, 0, null,
                feed.Enabled ? null : $"Off: {FeedOptions.SectionName}:{feed.Name}:Url is not set.");
        }
    }

    public IReadOnlyList<FeedStatus> Feeds => _feeds.Values.OrderBy(feed => feed.Feed, StringComparer.Ordinal).ToList();

    internal void Polled(FeedOptions feed, long cursor, long head, DateTimeOffset at) =>
        _feeds.AddOrUpdate(feed.Name, _ => throw new InvalidOperationException("Unregistered feed."),
            (_, old) => old with { Cursor = cursor, Head = head, Lag = Math.Max(0, head - cursor), LastPolledAt = at, LastError = null });

    internal void Applied(FeedOptions feed, long cursor, int received, int duplicates) =>
        _feeds.AddOrUpdate(feed.Name, _ => throw new InvalidOperationException("Unregistered feed."),
            (_, old) => old with
            {
                Cursor = cursor, Lag = Math.Max(0, old.Head - cursor), Received = old.Received + received, Duplicates = old.Duplicates + duplicates,
            });

    /// <summary>Pauses or resumes a feed's relay; false when this host reads no such feed.</summary>
    public bool SetPaused(string feed, bool paused)
    {
        // Swapped only over the value read, so a relay's update made meanwhile is kept, not overwritten.
        while (_feeds.TryGetValue(feed, out var current))
        {
            if (current.Paused == paused || _feeds.TryUpdate(feed, current with { Paused = paused }, current))
            {
                return true;
            }
        }

        return false;
    }

    internal bool IsPaused(FeedOptions feed) => _feeds.TryGetValue(feed.Name, out var status) && status.Paused;

    internal void Failed(FeedOptions feed, string error) =>
        _feeds.AddOrUpdate(feed.Name, _ => throw new InvalidOperationException("Unregistered feed."), (_, old) => old with { LastError = error });
}
