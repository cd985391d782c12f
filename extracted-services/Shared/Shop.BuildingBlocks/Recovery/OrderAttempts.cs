using Microsoft.EntityFrameworkCore;

namespace Shop.BuildingBlocks.Recovery;

/// <summary>
/// A change to an order that spans modules, recorded before its first step and closed in the same
/// transaction that saves the order, or once its steps are undone. One still open after its process
/// died is what <see cref="OrderRecoverySweep{TContext}"/> finds by the order's id.
/// </summary>
public abstract class OrderAttempt
{
    public Guid OrderId { get; init; }

    public DateTime StartedAt { get; init; }

    /// <summary>Null while open; what became of it once closed.</summary>
    public string? Outcome { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public void Close(string outcome, DateTime at)
    {
        Outcome = outcome;
        ClosedAt = at;
    }
}

/// <summary>
/// One order placement (reserve stock, authorise payment, save the order). An open one after a crash
/// is undone: its stock and payment are released. The monolith's Ordering module and the ordering
/// service keep one table each.
/// </summary>
public sealed class PlacementAttempt : OrderAttempt
{
    public const string Placed = "placed";
    public const string Compensated = "compensated";
    public const string Recovered = "recovered";
}

/// <summary>
/// One cancellation (release payment, release stock, save the order as cancelled). An open one after a
/// crash is finished, not undone: once the payment may be released the order cannot stand, so the
/// cancellation the client asked for is completed.
/// </summary>
public sealed class CancellationAttempt : OrderAttempt
{
    public const string Cancelled = "cancelled";
    public const string Recovered = "recovered";
}

public static class OrderAttemptsModel
{
    /// <summary>Adds the <c>PlacementAttempts</c> and <c>CancellationAttempts</c> tables to a context that keeps orders.</summary>
    public static ModelBuilder AddOrderAttempts(this ModelBuilder modelBuilder)
    {
        Map<PlacementAttempt>(modelBuilder, "PlacementAttempts");
        Map<CancellationAttempt>(modelBuilder, "CancellationAttempts");
        return modelBuilder;
    }

    private static void Map<TAttempt>(ModelBuilder modelBuilder, string table)
        where TAttempt : OrderAttempt =>
        modelBuilder.Entity<TAttempt>(attempt =>
        {
            attempt.ToTable(table);
            attempt.HasKey(a => a.OrderId);
            attempt.Property(a => a.OrderId).ValueGeneratedNever();
            attempt.Property(a => a.Outcome).HasMaxLength(20);
            // Recovery looks for the open ones only.
            attempt.HasIndex(a => new { a.Outcome, a.StartedAt });
        });
}

public static class CancellationAttempts
{
    /// <summary>
    /// Records that the order's cancellation has begun, before anything is released, and returns the
    /// record; one left open by an earlier try (or found by recovery) is taken over, not duplicated.
    /// </summary>
    public static async Task<CancellationAttempt> BeginAsync(DbContext db, Guid orderId, DateTime now, CancellationToken cancellationToken)
    {
        var set = db.Set<CancellationAttempt>();
        if (await set.FindAsync([orderId], cancellationToken) is { } existing)
        {
            return existing;
        }

        var attempt = new CancellationAttempt { OrderId = orderId, StartedAt = now };
        set.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return attempt;
        }
        catch (DbUpdateException)
        {
            // A concurrent cancellation recorded it first; carry on with that record.
            db.Entry(attempt).State = EntityState.Detached;
            return await set.SingleAsync(a => a.OrderId == orderId, cancellationToken);
        }
    }
}
