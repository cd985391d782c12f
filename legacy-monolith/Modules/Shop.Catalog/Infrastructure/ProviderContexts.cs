using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.BuildingBlocks.Persistence;

namespace Shop.Catalog.Infrastructure;

// One subclass per provider, each owning its migrations folder; the model itself lives in the base.
internal sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class SqlServerCatalogDbContext(DbContextOptions<SqlServerCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class SqliteCatalogDesignFactory : IDesignTimeDbContextFactory<SqliteCatalogDbContext>
{
    public SqliteCatalogDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteCatalogDbContext>(CatalogModule.Name));
}

internal sealed class PostgresCatalogDesignFactory : IDesignTimeDbContextFactory<PostgresCatalogDbContext>
{
    public PostgresCatalogDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.PostgreSql<PostgresCatalogDbContext>(CatalogModule.Name));
}

internal sealed class SqlServerCatalogDesignFactory : IDesignTimeDbContextFactory<SqlServerCatalogDbContext>
{
    public SqlServerCatalogDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerCatalogDbContext>(CatalogModule.Name));
}
