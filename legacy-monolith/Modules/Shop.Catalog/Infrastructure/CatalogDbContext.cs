using Strangler.ServiceDefaults.Persistence;
using Shop.Sync.Outbox;
using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Persistence;
using Shop.Catalog.Model;

namespace Shop.Catalog.Infrastructure;

/// <summary>Catalog's tables, in the <c>catalog</c> schema. Nothing outside this module may use it.</summary>
internal abstract class CatalogDbContext(DbContextOptions options) : ModuleDbContext(options, CatalogModule.Name)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<StockReservation> StockReservations => Set<StockReservation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOutbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);
    }
}

// One subclass per provider, each owning its migrations folder; the model itself lives in the base.
internal sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class SqlServerCatalogDbContext(DbContextOptions<SqlServerCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class CatalogDesignTime() : ProviderDesignTime<SqliteCatalogDbContext, PostgresCatalogDbContext, SqlServerCatalogDbContext>(CatalogModule.Name.ToLowerInvariant());
