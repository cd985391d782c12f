using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Strangler.ServiceDefaults.Persistence;

/// <summary>
/// Applies pending migrations with no other process migrating the same database at that moment.
/// </summary>
/// <remarks>
/// EF Core's own migration lock on PostgreSQL is a table lock held by a transaction, and replicas
/// started together on an empty database were seen to both create the same table (42P07). On
/// PostgreSQL the whole migration therefore runs under a session advisory lock taken on a
/// connection of its own: the second replica waits, then finds everything applied. A replica that
/// dies while migrating ends its session, which releases the lock. SQL Server's and SQLite's EF
/// locks hold for the whole migration and are used as they are.
/// </remarks>
public static class ExclusiveMigration
{
    public static async Task MigrateExclusivelyAsync(this DatabaseFacade database, string lockName, CancellationToken cancellationToken)
    {
        if (!database.IsNpgsql())
        {
            await database.MigrateAsync(cancellationToken);
            return;
        }

        // Not pooled: closing it must end the session, and with it the lock, whatever happens below.
        await using var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.GetConnectionString()) { Pooling = false }.ConnectionString);
        await session.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", session))
        {
            take.Parameters.AddWithValue(LockKey(lockName));
            // No command timeout: waiting for another replica's migration is the point.
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        await database.MigrateAsync(cancellationToken);
    }

    /// <summary>A stable 64-bit key for the name (FNV-1a), the same in every process and every run.</summary>
    public static long LockKey(string lockName)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes("strangler-migrations:" + lockName))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
