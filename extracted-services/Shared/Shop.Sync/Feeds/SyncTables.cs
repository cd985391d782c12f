using Microsoft.EntityFrameworkCore;

namespace Shop.Sync.Feeds;

/// <summary>
/// An event this side has applied, by its id: the inbox that makes at-least-once delivery apply each
/// event once. Written in the same transaction as the change the event caused.
/// </summary>
public sealed class InboxMessage
{
    public Guid EventId { get; init; }

    public required string Feed { get; init; }

    public required string EventType { get; init; }

    public required string AggregateId { get; init; }

    public long AggregateVersion { get; init; }

    /// <summary>What applying did: applied, stale (an older version than held) or ignored (not a type this side uses).</summary>
    public required string Outcome { get; init; }

    public DateTime ReceivedAt { get; init; }
}

/// <summary>How far a feed has been read: the last outbox sequence applied. The relay resumes after it.</summary>
public sealed class SyncCursor
{
    public required string Feed { get; init; }

    public long Position { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Resumable progress of a backfill: the next page to copy, whether it finished, and where sync then starts.</summary>
public sealed class BackfillProgress
{
    public required string Dataset { get; init; }

    public int NextPage { get; set; }

    public bool Completed { get; set; }

    public int Copied { get; set; }

    /// <summary>Where change sync starts once this backfill completes: the feed's head when it began, less a margin.</summary>
    public long StartPosition { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public static class SyncTablesModel
{
    /// <summary>Adds the inbox, cursor and backfill tables to a context that takes events from another system.</summary>
    public static ModelBuilder AddSyncTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("InboxMessages");
            inbox.HasKey(message => message.EventId);
            inbox.Property(message => message.Feed).HasMaxLength(100);
            inbox.Property(message => message.EventType).HasMaxLength(200);
            inbox.Property(message => message.AggregateId).HasMaxLength(100);
            inbox.Property(message => message.Outcome).HasMaxLength(20);
        });
        modelBuilder.Entity<SyncCursor>(cursor =>
        {
            cursor.ToTable("SyncCursors");
            cursor.HasKey(c => c.Feed);
            cursor.Property(c => c.Feed).HasMaxLength(100);
        });
        modelBuilder.Entity<BackfillProgress>(progress =>
        {
            progress.ToTable("BackfillProgress");
            progress.HasKey(p => p.Dataset);
            progress.Property(p => p.Dataset).HasMaxLength(100);
        });
        return modelBuilder;
    }
}
