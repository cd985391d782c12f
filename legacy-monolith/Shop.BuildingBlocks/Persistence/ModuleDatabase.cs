using Microsoft.EntityFrameworkCore;
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
}
