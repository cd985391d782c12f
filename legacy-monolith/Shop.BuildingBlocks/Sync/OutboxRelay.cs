using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.BuildingBlocks.Persistence;

namespace Shop.BuildingBlocks.Sync;

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
    public FeedOptions Feed => feed;

    /// <summary>Applies pages until the feed has nothing newer; returns how many events were new here.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
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
        var page = await client.ReadAsync(feed, position, cancellationToken);
        status.Polled(feed, position, page.Head, clock.GetUtcNow());
        if (page.Items.Count == 0)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginUnitAsync(cancellationToken);
        var ids = page.Items.Select(entry => entry.EventId).ToList();
        var seen = (await db.Set<InboxMessage>().Where(m => ids.Contains(m.EventId)).Select(m => m.EventId).ToListAsync(cancellationToken)).ToHashSet();
        int applied = 0, duplicates = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in page.Items)
        {
            if (!seen.Add(entry.EventId))
            {
                duplicates++;
                continue;
            }

            var outcome = await applier.ApplyAsync(db, entry, cancellationToken);
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

        return applied;
    }
}

/// <summary>The feed starts where a backfill leaves it, and no backfill has run yet.</summary>
public sealed class FeedNotStartedException(string feed)
    : InvalidOperationException($"Feed {feed} has no starting point yet: run the backfill first (it sets where change sync begins).");
