using Shop.BuildingBlocks.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.Sync.Outbox;
using Shop.BuildingBlocks.Persistence;

namespace Shop.Sync.Feeds;

/// <summary>
/// Delivers one feed into this side's database: reads pages after the stored cursor and, per page,
/// applies each event not yet in the inbox, records it there and moves the cursor, all in one
/// transaction. A crash or a failed call mid-page leaves the cursor where it was, so the page comes
/// again (at least once) and the inbox turns repeats into no-ops (effectively once). Pages are read
/// in sequence order, which keeps each aggregate's events in version order. A feed that
/// <c>startsAfterBackfill</c> stays idle until a backfill has stored its starting cursor.
/// </summary>
public sealed class OutboxRelay<TContext>(
    FeedOptions feed,
    IServiceScopeFactory scopes,
    OutboxFeedClient client,
    SyncStatus status,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger,
    bool startsAfterBackfill)
    where TContext : ModuleDbContext
{
    // Sequence numbers missing from the feed, and when each was first seen missing.
    private readonly Dictionary<long, DateTimeOffset> _holes = [];

    public FeedOptions Feed => feed;

    /// <summary>Applies pages until the feed has nothing newer (or waits on a hole); returns how many events changed data here.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            // A paused feed takes nothing in, and a pause waits for the page under way to be in.
            using var page = await status.EnterPageAsync(feed, cancellationToken);
            if (page is null)
            {
                return total;
            }

            var applied = await ApplyNextPageAsync(cancellationToken);
            if (applied is null)
            {
                return total;
            }

            total += applied.Value;
        }
    }

    /// <summary>One page; null when there was nothing after the cursor.</summary>
    private async Task<int?> ApplyNextPageAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var applier = scope.ServiceProvider.GetRequiredService<IEventApplier<TContext>>();
        var cursor = await db.Set<SyncCursor>().SingleOrDefaultAsync(c => c.Feed == feed.Name, cancellationToken);
        if (cursor is null && startsAfterBackfill)
        {
            // Where to start is the backfill's decision (the feed's head when it began); until then, wait.
            throw new FeedNotStartedException(feed.Name);
        }

        var position = cursor?.Position ?? 0;
        var fetched = await client.ReadAsync(feed, position, cancellationToken);
        status.Polled(feed, position, fetched.Head, clock.GetUtcNow());
        var settled = Settled(position, fetched.Items);
        if (settled.Count == 0)
        {
            return null;
        }

        var page = fetched with { Items = settled };

        await using var transaction = await db.Database.BeginUnitAsync(cancellationToken);
        var ids = page.Items.Select(entry => entry.EventId).ToList();
        var seen = (await db.Set<InboxMessage>().Where(m => ids.Contains(m.EventId)).Select(m => m.EventId).ToListAsync(cancellationToken)).ToHashSet();
        int applied = 0, duplicates = 0, changed = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in page.Items)
        {
            if (!seen.Add(entry.EventId))
            {
                duplicates++;
                continue;
            }

            var outcome = await applier.ApplyAsync(db, entry, cancellationToken);
            changed += outcome == ApplyOutcome.Applied ? 1 : 0;
            db.Set<InboxMessage>().Add(new InboxMessage
            {
                EventId = entry.EventId,
                Feed = feed.Name,
                EventType = entry.EventType,
                AggregateId = entry.AggregateId,
                AggregateVersion = entry.AggregateVersion,
                Outcome = outcome.ToString().ToLowerInvariant(),
                ReceivedAt = now,
            });
            // Each event is saved before the next is applied, so the next one reads what this one wrote.
            await db.SaveChangesAsync(cancellationToken);
            applied++;
        }

        if (cursor is null)
        {
            cursor = new SyncCursor { Feed = feed.Name };
            db.Set<SyncCursor>().Add(cursor);
        }

        cursor.Position = page.Items[^1].Sequence;
        cursor.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        status.Applied(feed, cursor.Position, applied, duplicates);
        if (duplicates > 0)
        {
            logger.LogInformation("Feed {Feed}: {Duplicates} event(s) were delivered again and skipped by the inbox.", feed.Name, duplicates);
        }

        return changed;
    }

    /// <summary>
    /// The entries that may be applied now. On PostgreSQL and SQL Server a sequence number is taken
    /// when a row is inserted, not when it commits, so a later number can be visible while an
    /// earlier one is still being written: stepping over that hole would lose the event for good.
    /// The relay stops at a hole until it is filled or older than <see cref="FeedOptions.GapTimeout"/>;
    /// then it is taken for a rolled-back write (a dry run, a lost race) and stepped over.
    /// </summary>
    private List<OutboxFeedEntry> Settled(long position, IReadOnlyList<OutboxFeedEntry> items)
    {
        var now = clock.GetUtcNow();
        var settled = new List<OutboxFeedEntry>();
        var expected = position + 1;
        foreach (var entry in items)
        {
            if (entry.Sequence > expected)
            {
                var firstSeen = _holes.TryGetValue(expected, out var seen) ? seen : _holes[expected] = now;
                if (now - firstSeen < feed.GapTimeout)
                {
                    status.Failed(feed, $"Waiting up to {feed.GapTimeout.TotalSeconds:0.#} s for outbox sequence {expected}: a write may still be committing.");
                    break;
                }
            }

            settled.Add(entry);
            expected = entry.Sequence + 1;
        }

        foreach (var hole in _holes.Keys.Where(hole => hole < expected).ToList())
        {
            _holes.Remove(hole);
        }

        return settled;
    }
}

/// <summary>The feed starts where a backfill leaves it, and no backfill has run yet.</summary>
public sealed class FeedNotStartedException(string feed)
    : CommandFailedException($"Feed {feed} has no starting point yet: run the backfill first (it sets where change sync begins).");
