using Microsoft.EntityFrameworkCore;
using Strangler.ServiceDefaults.Persistence;

namespace Strangler.Facade.Persistence;

/// <summary>
/// The façade's own database (called the flag store in the docs and settings): capability states and
/// their audit trail, and the mismatches shadowing found, in the <c>strangler</c> schema on
/// PostgreSQL and SQL Server and in its own file on SQLite. Each provider has a subclass that owns its
/// migrations; the model is defined once, here.
/// </summary>
internal abstract class FacadeDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Schema = "strangler";

    public DbSet<CapabilityStateRow> CapabilityStates => Set<CapabilityStateRow>();

    public DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();

    public DbSet<MismatchRow> Mismatches => Set<MismatchRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (!Database.IsSqlite())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.Entity<CapabilityStateRow>(state =>
        {
            state.ToTable("CapabilityStates");
            state.HasKey(s => s.Capability);
            state.Property(s => s.Capability).HasMaxLength(63);
            state.Property(s => s.Mode).HasMaxLength(16);
            state.Property(s => s.Users).HasMaxLength(65536);
            state.Property(s => s.Groups).HasMaxLength(65536);
            state.Property(s => s.UpdatedBy).HasMaxLength(128);
            state.Property(s => s.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<AuditEntryRow>(audit =>
        {
            audit.ToTable("AuditEntries");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Who).HasMaxLength(128);
            audit.Property(a => a.Capability).HasMaxLength(63);
            audit.Property(a => a.Before).HasMaxLength(140000);
            audit.Property(a => a.After).HasMaxLength(140000);
            audit.Property(a => a.Reason).HasMaxLength(500);
            audit.HasIndex(a => new { a.Capability, a.Id });
        });

        modelBuilder.Entity<MismatchRow>(mismatch =>
        {
            mismatch.ToTable("Mismatches");
            mismatch.HasKey(m => m.Id);
            mismatch.Property(m => m.Capability).HasMaxLength(63);
            mismatch.Property(m => m.Method).HasMaxLength(16);
            mismatch.Property(m => m.Target).HasMaxLength(2048);
            mismatch.Property(m => m.Direction).HasMaxLength(16);
            mismatch.Property(m => m.CorrelationId).HasMaxLength(128);
            mismatch.Property(m => m.LegacyBody).HasMaxLength(MismatchRow.MaxStoredBody);
            mismatch.Property(m => m.CandidateBody).HasMaxLength(MismatchRow.MaxStoredBody);
            mismatch.Property(m => m.FirstDifference).HasMaxLength(1024);
            mismatch.Property(m => m.Differences).HasMaxLength(MismatchRow.MaxStoredDifferences);
            mismatch.Property(m => m.Golden);
            mismatch.HasIndex(m => new { m.Capability, m.Id });
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot order or compare DateTimeOffset; store UTC ticks so history sorts by time.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<long>();
        }
    }
}

// One subclass per provider, each owning its migrations folder; the model lives in the base class.
internal sealed class SqliteFacadeDbContext(DbContextOptions<SqliteFacadeDbContext> options) : FacadeDbContext(options);

internal sealed class PostgresFacadeDbContext(DbContextOptions<PostgresFacadeDbContext> options) : FacadeDbContext(options);

internal sealed class SqlServerFacadeDbContext(DbContextOptions<SqlServerFacadeDbContext> options) : FacadeDbContext(options);

internal sealed class FacadeDesignTime() : ProviderDesignTime<SqliteFacadeDbContext, PostgresFacadeDbContext, SqlServerFacadeDbContext>(FacadeDbContext.Schema);
