using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Strangler.Facade.Persistence;

// One subclass per provider, each owning its migrations folder; the model lives in the base class.
internal sealed class SqliteFacadeDbContext(DbContextOptions<SqliteFacadeDbContext> options) : FacadeDbContext(options);

internal sealed class PostgresFacadeDbContext(DbContextOptions<PostgresFacadeDbContext> options) : FacadeDbContext(options);

internal sealed class SqlServerFacadeDbContext(DbContextOptions<SqlServerFacadeDbContext> options) : FacadeDbContext(options);

// Migrations are generated without a server: these connection strings are never opened.
internal sealed class SqliteFlagStoreDesignFactory : IDesignTimeDbContextFactory<SqliteFacadeDbContext>
{
    public SqliteFacadeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFacadeDbContext>().UseSqlite("Data Source=flags.db").Options);
}

internal sealed class PostgresFlagStoreDesignFactory : IDesignTimeDbContextFactory<PostgresFacadeDbContext>
{
    public PostgresFacadeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFacadeDbContext>().UseNpgsql("Host=localhost;Database=strangler", FlagStoreRegistration.Postgres).Options);
}

internal sealed class SqlServerFlagStoreDesignFactory : IDesignTimeDbContextFactory<SqlServerFacadeDbContext>
{
    public SqlServerFacadeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerFacadeDbContext>()
            .UseSqlServer("Server=localhost;Database=strangler;TrustServerCertificate=true", FlagStoreRegistration.SqlServer).Options);
}
