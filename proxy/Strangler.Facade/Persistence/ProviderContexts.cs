using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Strangler.Facade.Persistence;

// One subclass per provider, each owning its migrations folder; the model lives in the base class.
internal sealed class SqliteFlagStoreDbContext(DbContextOptions<SqliteFlagStoreDbContext> options) : FlagStoreDbContext(options);

internal sealed class PostgresFlagStoreDbContext(DbContextOptions<PostgresFlagStoreDbContext> options) : FlagStoreDbContext(options);

internal sealed class SqlServerFlagStoreDbContext(DbContextOptions<SqlServerFlagStoreDbContext> options) : FlagStoreDbContext(options);

// Migrations are generated without a server: these connection strings are never opened.
internal sealed class SqliteFlagStoreDesignFactory : IDesignTimeDbContextFactory<SqliteFlagStoreDbContext>
{
    public SqliteFlagStoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFlagStoreDbContext>().UseSqlite("Data Source=flags.db").Options);
}

internal sealed class PostgresFlagStoreDesignFactory : IDesignTimeDbContextFactory<PostgresFlagStoreDbContext>
{
    public PostgresFlagStoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFlagStoreDbContext>().UseNpgsql("Host=localhost;Database=strangler", FlagStoreRegistration.Postgres).Options);
}

internal sealed class SqlServerFlagStoreDesignFactory : IDesignTimeDbContextFactory<SqlServerFlagStoreDbContext>
{
    public SqlServerFlagStoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerFlagStoreDbContext>()
            .UseSqlServer("Server=localhost;Database=strangler;TrustServerCertificate=true", FlagStoreRegistration.SqlServer).Options);
}
