using Shop.Sync.Outbox;
using Catalog.Service.Model;
using Microsoft.EntityFrameworkCore;
using Strangler.ServiceDefaults.Persistence;
using Shop.BuildingBlocks.Persistence;
using Shop.Sync.Feeds;

namespace Catalog.Service.Infrastructure;

/// <summary>The service's own database: products, categories, and the inbox and cursor of its feed.</summary>
internal abstract class CatalogContext(DbContextOptions options) : ModuleDbContext(options, CatalogService.Module)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Category> Categories => Set<Category>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOutbox();
        modelBuilder.AddSyncTables();
        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("Products");
            product.HasKey(p => p.Id);
            product.Property(p => p.Id).ValueGeneratedNever();
            product.Property(p => p.Sku).HasMaxLength(32);
            product.HasIndex(p => p.Sku).IsUnique();
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Description).HasMaxLength(2000);
            product.Property(p => p.CategorySlug).HasMaxLength(100);
            product.Property(p => p.CategoryName).HasMaxLength(200);
            product.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
            product.HasIndex(p => p.CategorySlug);
            product.HasIndex(p => p.PriceMinor);
            product.HasIndex(p => p.Name);
        });
        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("Categories");
            category.HasKey(c => c.Id);
            category.Property(c => c.Id).ValueGeneratedNever();
            category.Property(c => c.Slug).HasMaxLength(100);
            category.HasIndex(c => c.Slug).IsUnique();
            category.Property(c => c.Name).HasMaxLength(200);
        });
    }
}

// One subclass per provider, each owning its migrations folder.
internal sealed class SqliteCatalogContext(DbContextOptions<SqliteCatalogContext> options) : CatalogContext(options);

internal sealed class PostgresCatalogContext(DbContextOptions<PostgresCatalogContext> options) : CatalogContext(options);

internal sealed class SqlServerCatalogContext(DbContextOptions<SqlServerCatalogContext> options) : CatalogContext(options);

internal sealed class CatalogDesignTime() : ProviderDesignTime<SqliteCatalogContext, PostgresCatalogContext, SqlServerCatalogContext>(CatalogService.Module.ToLowerInvariant());
