using Microsoft.EntityFrameworkCore;

namespace Shop.BuildingBlocks.Persistence;

/// <summary>
/// Base of every module's DbContext: the module's own schema and UTC timestamps. A module whose
/// changes publish events maps the outbox too (Shop.Sync's <c>AddOutbox</c>). Each module derives
/// one context per provider so that each provider keeps its own migrations (EF Core's "multiple
/// providers, separate context types" pattern).
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, string moduleName) : DbContext(options)
{
    /// <summary>The schema (PostgreSQL, SQL Server) that holds every table of this module.</summary>
    public string Schema { get; } = moduleName.ToLowerInvariant();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // SQLite has no schemas; a module's file is its boundary there.
        if (!Database.IsSqlite())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
    }

    /// <summary>
    /// Two changes to one aggregate that race both write an event for the same next version; a
    /// unique (aggregate, version) index, such as the outbox's, lets one commit and fails the other,
    /// often before the loser's own version check is reached. That failure is a lost race, reported
    /// as a concurrency conflict (a 409 at the edge), not as a fault.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException && IsVersionClash(exception))
        {
            throw new DbUpdateConcurrencyException("Another change to the same aggregate committed first.", exception);
        }
    }

    // Each provider names the index or its columns in its message: SQLite "OutboxMessages.AggregateVersion",
    // PostgreSQL and SQL Server "IX_OutboxMessages_AggregateId_AggregateVersion".
    private static bool IsVersionClash(DbUpdateException exception) =>
        exception.InnerException?.Message is { } message &&
        message.Contains("AggregateVersion", StringComparison.Ordinal);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
