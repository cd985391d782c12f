using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Shop.BuildingBlocks.Persistence;

namespace Shop.Payments.Infrastructure;

// One subclass per provider, each owning its migrations folder; the model itself lives in the base.
internal sealed class SqlitePaymentsDbContext(DbContextOptions<SqlitePaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class PostgresPaymentsDbContext(DbContextOptions<PostgresPaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class SqlServerPaymentsDbContext(DbContextOptions<SqlServerPaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class SqlitePaymentsDesignFactory : IDesignTimeDbContextFactory<SqlitePaymentsDbContext>
{
    public SqlitePaymentsDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqlitePaymentsDbContext>(PaymentsModule.Name));
}

internal sealed class PostgresPaymentsDesignFactory : IDesignTimeDbContextFactory<PostgresPaymentsDbContext>
{
    public PostgresPaymentsDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.PostgreSql<PostgresPaymentsDbContext>(PaymentsModule.Name));
}

internal sealed class SqlServerPaymentsDesignFactory : IDesignTimeDbContextFactory<SqlServerPaymentsDbContext>
{
    public SqlServerPaymentsDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.SqlServer<SqlServerPaymentsDbContext>(PaymentsModule.Name));
}
