using Strangler.ServiceDefaults.Persistence;
using Shop.Sync.Outbox;
using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Persistence;
using Shop.Payments.Model;

namespace Shop.Payments.Infrastructure;

/// <summary>Payments' tables, in the <c>payments</c> schema. Nothing outside this module may use it.</summary>
internal abstract class PaymentsDbContext(DbContextOptions options) : ModuleDbContext(options, PaymentsModule.Name)
{
    public DbSet<Payment> Payments => Set<Payment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOutbox();
        modelBuilder.Entity<Payment>(payment =>
        {
            payment.ToTable("Payments");
            payment.HasKey(p => p.Id);
            payment.Property(p => p.Id).ValueGeneratedNever();
            payment.HasIndex(p => p.OrderId).IsUnique();
            payment.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
            payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            payment.Property(p => p.Version).IsConcurrencyToken();
        });
    }
}

// One subclass per provider, each owning its migrations folder; the model itself lives in the base.
internal sealed class SqlitePaymentsDbContext(DbContextOptions<SqlitePaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class PostgresPaymentsDbContext(DbContextOptions<PostgresPaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class SqlServerPaymentsDbContext(DbContextOptions<SqlServerPaymentsDbContext> options) : PaymentsDbContext(options);

internal sealed class PaymentsDesignTime() : ProviderDesignTime<SqlitePaymentsDbContext, PostgresPaymentsDbContext, SqlServerPaymentsDbContext>(PaymentsModule.Name.ToLowerInvariant());
