namespace Ordering.Service.Model;

/// <summary>
/// One order placement, recorded before its first step (reserving stock) and closed in the same
/// transaction that saves the order, or once its steps are undone. An attempt still open after its
/// process died is what recovery finds: its stock and payment are released by the order's id.
/// </summary>
internal sealed class PlacementAttempt
{
    public Guid OrderId { get; init; }

    public DateTime StartedAt { get; init; }

    /// <summary>Null while open; <see cref="Placed"/> or <see cref="Compensated"/> once closed.</summary>
    public string? Outcome { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public const string Placed = "placed";
    public const string Compensated = "compensated";
    public const string Recovered = "recovered";

    public void Close(string outcome, DateTime at)
    {
        Outcome = outcome;
        ClosedAt = at;
    }
}
