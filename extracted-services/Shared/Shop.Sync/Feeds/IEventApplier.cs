using Shop.Sync.Outbox;
using Shop.BuildingBlocks.Persistence;

namespace Shop.Sync.Feeds;

public enum ApplyOutcome
{
    /// <summary>The event changed this side's data.</summary>
    Applied,

    /// <summary>This side already holds the aggregate at that version or later (a backfill got there first).</summary>
    Stale,

    /// <summary>Not an event type this side uses.</summary>
    Ignored,
}

/// <summary>
/// Turns another system's events into this side's rows. It only stages changes on the context: the
/// relay saves them together with the inbox row and the cursor, in one transaction. Appliers never
/// write to the outbox, so an event applied here is not echoed back to where it came from.
/// </summary>
public interface IEventApplier<in TContext>
    where TContext : ModuleDbContext
{
    Task<ApplyOutcome> ApplyAsync(TContext db, OutboxFeedEntry entry, CancellationToken cancellationToken);
}
