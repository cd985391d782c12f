using Strangler.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Strangler.Facade.Persistence;

internal static class FlagStoreRegistration
{
    /// <summary>Registers <see cref="FacadeDbContext"/> backed by the provider-specific subclass that owns its migrations.</summary>
    public static IServiceCollection AddFlagStoreDatabase(this IServiceCollection services, FlagStoreOptions options)
    {
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case FlagStoreProvider.Sqlite:
                services.AddDbContext<FacadeDbContext, SqliteFacadeDbContext>(db => db.UseSqlite(options.ConnectionString));
                break;
            case FlagStoreProvider.PostgreSql:
                services.AddDbContext<FacadeDbContext, PostgresFacadeDbContext>(db => db.UseNpgsql(options.ConnectionString, Postgres));
                break;
            case FlagStoreProvider.SqlServer:
                services.AddDbContext<FacadeDbContext, SqlServerFacadeDbContext>(db => db.UseSqlServer(options.ConnectionString, SqlServer));
                break;
        }

        return services;
    }

    public static void Postgres(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__EFMigrationsHistory", FacadeDbContext.Schema);

    public static void SqlServer(SqlServerDbContextOptionsBuilder sql) =>
        sql.MigrationsHistoryTable("__EFMigrationsHistory", FacadeDbContext.Schema);

    /// <summary>Creates the SQLite folder if needed and applies pending migrations, one replica at a time (<see cref="ExclusiveMigration"/>).</summary>
    public static async Task MigrateFlagStoreAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<FacadeDbContext>();
        if (context.Database.IsSqlite())
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(context.Database.GetConnectionString()).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        await context.Database.MigrateExclusivelyAsync("flag-store", cancellationToken);
        if (context.Database.IsSqlite())
        {
            // WAL lets the poller read while an admin change commits.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
