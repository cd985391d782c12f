namespace Shop.Ordering.Contracts;

/// <summary>The boundaries between the steps of placing an order, where a process can die.</summary>
public enum PlacementStep
{
    /// <summary>The attempt is recorded; nothing is reserved yet.</summary>
    AttemptRecorded,

    /// <summary>Stock is reserved; no payment yet.</summary>
    StockReserved,

    /// <summary>The payment is authorised; the order is not saved yet.</summary>
    PaymentAuthorised,
}

/// <summary>
/// A crash at a step boundary, on demand: the tests' way to stop a placement between two steps as a
/// killed process would, with no undo running. The host registers none; then nothing happens.
/// </summary>
public interface IPlacementFaults
{
    /// <summary>Throws <see cref="SimulatedCrash"/> when a crash is wanted at <paramref name="step"/>.</summary>
    void At(PlacementStep step, Guid orderId);
}

/// <summary>Stands for the process dying: placement does not undo anything for it, as a dead process could not.</summary>
public sealed class SimulatedCrash(PlacementStep step) : Exception($"Simulated crash after {step}.")
{
    public PlacementStep Step { get; } = step;
}
