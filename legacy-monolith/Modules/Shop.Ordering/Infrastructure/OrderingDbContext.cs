using Strangler.ServiceDefaults.Persistence;
using Shop.Sync.Outbox;
using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Persistence;
using Shop.BuildingBlocks.Recovery;
using Shop.Sync.Feeds;
using Shop.Ordering.Model;

namespace Shop.Ordering.Infrastructure;

/// <summary>Ordering's tables, in the <c>ordering</c> schema. Nothing outside this module may use it.</summary>
internal abstract class OrderingDbContext(DbContextOptions options) : ModuleDbContext(options, OrderingModule.Name)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<PlacementAttempt> PlacementAttempts => Set<PlacementAttempt>();

    public DbSet<CancellationAttempt> CancellationAttempts => Set<CancellationAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOutbox();
        // Once the ordering service owns writes, its events come back here (reverse sync).
        modelBuilder.AddSyncTables();
        modelBuilder.AddOrderAttempts();
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("Orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).ValueGeneratedNever();
            order.HasIndex(o => new { o.CustomerId, o.PlacedAt });
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            order.Property(o => o.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
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
            line.Property(l => l.Sku).HasMaxLength(32).IsRequired();
            line.Property(l => l.Name).HasMaxLength(200).IsRequired();
        });
    }
}

// One subclass per provider, each owning its migrations folder; the model itself lives in the base.
internal sealed class SqliteOrderingDbContext(DbContextOptions<SqliteOrderingDbContext> options) : OrderingDbContext(options);

internal sealed class PostgresOrderingDbContext(DbContextOptions<PostgresOrderingDbContext> options) : OrderingDbContext(options);

internal sealed class SqlServerOrderingDbContext(DbContextOptions<SqlServerOrderingDbContext> options) : OrderingDbContext(options);

internal sealed class OrderingDesignTime() : ProviderDesignTime<SqliteOrderingDbContext, PostgresOrderingDbContext, SqlServerOrderingDbContext>(OrderingModule.Name.ToLowerInvariant());
