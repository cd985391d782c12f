using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.BuildingBlocks.Persistence;

namespace Shop.Ordering.Infrastructure;

// One subclass per provider, each owning its migrations folder; the model itself lives in the base.
internal sealed class SqliteOrderingDbContext(DbContextOptions<SqliteOrderingDbContext> options) : OrderingDbContext(options);

internal sealed class PostgresOrderingDbContext(DbContextOptions<PostgresOrderingDbContext> options) : OrderingDbContext(options);

internal sealed class SqlServerOrderingDbContext(DbContextOptions<SqlServerOrderingDbContext> options) : OrderingDbContext(options);

internal sealed class SqliteOrderingDesignFactory : IDesignTimeDbContextFactory<SqliteOrderingDbContext>
{
    public SqliteOrderingDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteOrderingDbContext>(OrderingModule.Name));
}

internal sealed class PostgresOrderingDesignFactory : IDesignTimeDbContextFactory<PostgresOrderingDbContext>
{
    public PostgresOrderingDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.PostgreSql<PostgresOrderingDbContext>(OrderingModule.Name));
}

internal sealed class SqlServerOrderingDesignFactory : IDesignTimeDbContextFactory<SqlServerOrderingDbContext>
{
    public SqlServerOrderingDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerOrderingDbContext>(OrderingModule.Name));
}
