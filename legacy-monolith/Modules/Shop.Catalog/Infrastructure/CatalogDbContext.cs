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
