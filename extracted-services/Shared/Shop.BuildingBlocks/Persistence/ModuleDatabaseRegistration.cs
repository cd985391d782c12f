using Shop.BuildingBlocks.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.BuildingBlocks.Persistence;

public static class ModuleDatabaseRegistration
{
    /// <summary>
    /// Registers a module's context as <typeparamref name="TContext"/>, backed by the provider-specific
    /// subclass that owns that provider's migrations.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres, TSqlServer>(
        this IServiceCollection services, IConfiguration configuration, string moduleName)
        where TContext : ModuleDbContext
        where TSqlite : TContext
        where TPostgres : TContext
        where TSqlServer : TContext
    {
        var options = DatabaseOptions.FromConfiguration(configuration);
        var connectionString = options.ConnectionStringFor(moduleName);
        var schema = moduleName.ToLowerInvariant();
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<TContext, TSqlite>(db => db.UseSqlite(connectionString));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<TContext, TPostgres>(db => db.UseNpgsql(connectionString, npgsql =>
                    npgsql.MigrationsHistoryTable("__EFMigrationsHistory", schema)));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<TContext, TSqlServer>(db => db.UseSqlServer(connectionString, sql =>
                    sql.MigrationsHistoryTable("__EFMigrationsHistory", schema)));
                break;
            default:
                throw ShopSettings.Refused($"Unsupported provider {options.Provider}.");
        }

        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<TContext>(moduleName));
        return services;
    }
}
