using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.Outbox;

namespace Shop.BuildingBlocks.Persistence;

/// <summary>
/// What the host needs to know about one module's database: how to migrate it and how to tell it is
/// reachable. Registered by each module so that the host treats them all alike.
/// </summary>
public interface IModuleDatabase
{
    string ModuleName { get; }

    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);

    Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Opens a transaction on the request's context that the caller rolls back (a dry run).</summary>
    Task<IDbContextTransaction> BeginDryRunAsync(IServiceProvider requestServices, CancellationToken cancellationToken);

    /// <summary>Outbox rows after <paramref name="after"/>, oldest first, and the newest sequence there is.</summary>
    Task<OutboxFeedPage> ReadOutboxAsync(IServiceProvider services, long after, int limit, CancellationToken cancellationToken);
}

internal sealed class ModuleDatabase<TContext>(string moduleName) : IModuleDatabase
    where TContext : ModuleDbContext
{
    public string ModuleName { get; } = moduleName;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        if (context.Database.IsSqlite())
        {
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(context.Database.GetConnectionString());
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        await context.Database.MigrateAsync(cancellationToken);
        if (context.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; the setting is kept in the file.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public async Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().Database.CanConnectAsync(cancellationToken);
    }

    public Task<IDbContextTransaction> BeginDryRunAsync(IServiceProvider requestServices, CancellationToken cancellationToken) =>
        requestServices.GetRequiredService<TContext>().Database.BeginTransactionAsync(cancellationToken);

    public async Task<OutboxFeedPage> ReadOutboxAsync(IServiceProvider services, long after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<TContext>().Outbox.AsNoTracking();
        var rows = await outbox.Where(m => m.Sequence > after).OrderBy(m => m.Sequence).Take(limit).ToListAsync(cancellationToken);
        var head = await outbox.MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0;
        var entries = rows.Select(m => new OutboxFeedEntry(
            m.Sequence, m.EventId, m.EventType, m.AggregateId, m.AggregateVersion, m.OccurredAt,
            JsonSerializer.Deserialize<JsonElement>(m.Payload))).ToList();
        return new OutboxFeedPage(entries, head);
    }
}
