namespace Shop.Ordering.Contracts;

/// <summary>The boundaries between the steps of placing or cancelling an order, where a process can die.</summary>
public enum OrderStep
{
    /// <summary>The attempt is recorded; nothing is reserved yet.</summary>
    AttemptRecorded,

    /// <summary>Stock is reserved; no payment yet.</summary>
    StockReserved,

    /// <summary>The payment is authorised; the order is not saved yet.</summary>
    PaymentAuthorised,

    /// <summary>A cancellation is recorded; nothing is released yet.</summary>
    CancellationRecorded,

    /// <summary>The cancelled order's payment is released; its stock is not, and the order is not saved as cancelled.</summary>
    CancellationPaymentReleased,
}

/// <summary>
/// A crash at a step boundary, on demand: the tests' way to stop a placement or cancellation between two steps as a
/// killed process would, with no undo running. The host registers none; then nothing happens.
/// </summary>
public interface IOrderFaults
{
    /// <summary>Throws <see cref="SimulatedCrash"/> when a crash is wanted at <paramref name="step"/>.</summary>
    void At(OrderStep step, Guid orderId);
}

/// <summary>Stands for the process dying: placement and cancellation do not undo anything for it, as a dead process could not.</summary>
public sealed class SimulatedCrash(OrderStep step) : Exception($"Simulated crash after {step}.")
{
    public OrderStep Step { get; } = step;
}
