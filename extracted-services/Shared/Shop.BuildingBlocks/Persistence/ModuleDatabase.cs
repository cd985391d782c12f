using Strangler.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>Runs <paramref name="read"/> on a context of its own scope, for readers that know the tables but not the module (the outbox feed).</summary>
    Task<T> ReadAsync<T>(IServiceProvider services, Func<ModuleDbContext, CancellationToken, Task<T>> read, CancellationToken cancellationToken);
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

        // Replicas of one host started together take turns; the second finds the work done.
        await context.Database.MigrateExclusivelyAsync("module:" + ModuleName, cancellationToken);
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

    public async Task<T> ReadAsync<T>(IServiceProvider services, Func<ModuleDbContext, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TContext>(), cancellationToken);
    }
}
