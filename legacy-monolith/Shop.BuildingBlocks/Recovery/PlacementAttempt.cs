using Microsoft.EntityFrameworkCore;

namespace Shop.BuildingBlocks.Recovery;

/// <summary>
/// One order placement, recorded before its first step (reserving stock) and closed in the same
/// transaction that saves the order, or once its steps are undone. An attempt still open after its
/// process died is what <see cref="PlacementRecoverySweep{TContext}"/> finds: its stock and payment are
/// released by the order's id. The monolith's Ordering module and the ordering service keep one each.
/// </summary>
public sealed class PlacementAttempt
{
    public const string Placed = "placed";
    public const string Compensated = "compensated";
    public const string Recovered = "recovered";

    public Guid OrderId { get; init; }

    public DateTime StartedAt { get; init; }

    /// <summary>Null while open; <see cref="Placed"/>, <see cref="Compensated"/> or <see cref="Recovered"/> once closed.</summary>
    public string? Outcome { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public void Close(string outcome, DateTime at)
    {
        Outcome = outcome;
        ClosedAt = at;
    }
}

public static class PlacementAttemptsModel
{
    /// <summary>Adds the <c>PlacementAttempts</c> table to a context that places orders.</summary>
    public static ModelBuilder AddPlacementAttempts(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PlacementAttempt>(attempt =>
        {
            attempt.ToTable("PlacementAttempts");
            attempt.HasKey(a => a.OrderId);
            attempt.Property(a => a.OrderId).ValueGeneratedNever();
            attempt.Property(a => a.Outcome).HasMaxLength(20);
            // Recovery looks for the open ones only.
            attempt.HasIndex(a => new { a.Outcome, a.StartedAt });
        });
        return modelBuilder;
    }
}
