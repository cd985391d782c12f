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

    // One page of a feed is taken in at a time, under its gate, so that a pause can wait out the page in flight.
    private readonly Dictionary<string, SemaphoreSlim> _pages = new(StringComparer.Ordinal);

    public SyncStatus(IEnumerable<FeedOptions> feeds)
    {
        foreach (var feed in feeds)
        {
            _pages[feed.Name] = new SemaphoreSlim(1, 1);
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

    /// <summary>
    /// Pauses a feed: false when this host reads no such feed; else true once no page of it is being
    /// taken in, so that nothing the other side writes after the pause reaches this side until resumed.
    /// </summary>
    public async Task<bool> PauseAsync(string feed, CancellationToken cancellationToken)
    {
        if (!SetPaused(feed, paused: true))
        {
            return false;
        }

        var gate = _pages[feed];
        await gate.WaitAsync(cancellationToken);
        gate.Release();
        return true;
    }

    /// <summary>Takes a paused feed's events in again from the next page on; false when this host reads no such feed.</summary>
    public bool Resume(string feed) => SetPaused(feed, paused: false);

    /// <summary>Leave to take in the next page of <paramref name="feed"/>, to dispose once it is in; null while the feed is paused.</summary>
    internal async Task<IDisposable?> EnterPageAsync(FeedOptions feed, CancellationToken cancellationToken)
    {
        var gate = _pages[feed.Name];
        await gate.WaitAsync(cancellationToken);
        if (IsPaused(feed))
        {
            gate.Release();
            return null;
        }

        return new PageLease(gate);
    }

    private bool SetPaused(string feed, bool paused)
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

    private sealed class PageLease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    internal void Failed(FeedOptions feed, string error) =>
        _feeds.AddOrUpdate(feed.Name, _ => throw new InvalidOperationException("Unregistered feed."), (_, old) => old with { LastError = error });
}
