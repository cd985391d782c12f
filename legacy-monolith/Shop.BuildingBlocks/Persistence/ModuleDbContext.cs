using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Outbox;

namespace Shop.BuildingBlocks.Persistence;

/// <summary>
/// Base of every module's DbContext: the module's own schema, UTC timestamps and the module's outbox
/// table. Each module derives one context per provider so that each provider keeps its own
/// migrations (EF Core's "multiple providers, separate context types" pattern).
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, string moduleName) : DbContext(options)
{
    /// <summary>The schema (PostgreSQL, SQL Server) that holds every table of this module.</summary>
    public string Schema { get; } = moduleName.ToLowerInvariant();

    /// <summary>Integration events written in the same transaction as the change they describe.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // SQLite has no schemas; a module's file is its boundary there.
        if (!Database.IsSqlite())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
