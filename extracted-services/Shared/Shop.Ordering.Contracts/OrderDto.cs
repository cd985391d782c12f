using Shop.Kernel;

namespace Shop.Ordering.Contracts;

public enum OrderStatus
{
    Placed,
    Cancelled,
}

/// <summary>An order as the ordering API answers it. Lines keep the name and price at the time of ordering.</summary>
public sealed record OrderDto(
    Guid Id,
    Guid CustomerId,
    OrderStatus Status,
    IReadOnlyList<OrderLineDto> Lines,
    Money Total,
    Guid PaymentId,
    long Version,
    DateTime PlacedAt,
    DateTime? CancelledAt,
    string? CancellationReason);

public sealed record OrderLineDto(Guid ProductId, string Sku, string Name, Money UnitPrice, int Quantity, Money LineTotal);
