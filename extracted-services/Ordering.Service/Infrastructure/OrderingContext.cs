using Shop.Sync.Outbox;
using Microsoft.EntityFrameworkCore;
using Strangler.ServiceDefaults.Persistence;
using Ordering.Service.Model;
using Shop.BuildingBlocks.Persistence;
using Shop.BuildingBlocks.Recovery;
using Shop.Sync.Feeds;

namespace Ordering.Service.Infrastructure;

/// <summary>The service's own database: orders, its outbox, and the inbox and cursor of the monolith's feed.</summary>
internal abstract class OrderingContext(DbContextOptions options) : ModuleDbContext(options, OrderingService.Module)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<PlacementAttempt> PlacementAttempts => Set<PlacementAttempt>();

    public DbSet<CancellationAttempt> CancellationAttempts => Set<CancellationAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOutbox();
        modelBuilder.AddSyncTables();
        modelBuilder.AddOrderAttempts();
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("Orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).ValueGeneratedNever();
            order.HasIndex(o => new { o.CustomerId, o.PlacedAt });
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            order.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
            order.Property(o => o.CancellationReason).HasMaxLength(200);
            order.Property(o => o.Version).IsConcurrencyToken();
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(line => line.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OrderLine>(line =>
        {
            line.ToTable("OrderLines");
            line.HasKey(l => l.Id);
            line.Property(l => l.Id).ValueGeneratedOnAdd();
            line.HasIndex(l => new { l.OrderId, l.LineNumber }).IsUnique();
            line.Property(l => l.Sku).HasMaxLength(32);
            line.Property(l => l.Name).HasMaxLength(200);
        });
    }
}

// One subclass per provider, each owning its migrations folder.
internal sealed class SqliteOrderingContext(DbContextOptions<SqliteOrderingContext> options) : OrderingContext(options);

internal sealed class PostgresOrderingContext(DbContextOptions<PostgresOrderingContext> options) : OrderingContext(options);

internal sealed class SqlServerOrderingContext(DbContextOptions<SqlServerOrderingContext> options) : OrderingContext(options);

internal sealed class OrderingDesignTime() : ProviderDesignTime<SqliteOrderingContext, PostgresOrderingContext, SqlServerOrderingContext>(OrderingService.Module.ToLowerInvariant());
