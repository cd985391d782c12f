using Shop.Kernel;
using Shop.Ordering.Contracts;

namespace Shop.Ordering.Model;

/// <summary>An order: placed once, cancelled at most once. <see cref="Version"/> guards concurrent changes.</summary>
internal sealed class Order
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    public OrderStatus Status { get; private set; } = OrderStatus.Placed;

    public required string Currency { get; init; }

    public long TotalMinor { get; init; }

    public Guid PaymentId { get; init; }

    public long Version { get; private set; } = 1;

    public DateTime PlacedAt { get; init; }

    public DateTime? CancelledAt { get; private set; }

    public string? CancellationReason { get; private set; }

    public List<OrderLine> Lines { get; init; } = [];

    public void Cancel(string reason, DateTime now)
    {
        Status = OrderStatus.Cancelled;
        CancellationReason = reason;
        CancelledAt = now;
        Version++;
    }

    /// <summary>An order another side placed, as its event carries it (reverse or forward sync).</summary>
    public static Order FromDto(OrderDto dto)
    {
        var order = new Order
        {
            Id = dto.Id,
            CustomerId = dto.CustomerId,
            Currency = dto.Total.Currency,
            TotalMinor = dto.Total.ToMinorUnits(),
            PaymentId = dto.PaymentId,
            PlacedAt = dto.PlacedAt,
            Lines = dto.Lines.Select((line, index) => new OrderLine
            {
                OrderId = dto.Id,
                LineNumber = index + 1,
                ProductId = line.ProductId,
                Sku = line.Sku,
                Name = line.Name,
                UnitPriceMinor = line.UnitPrice.ToMinorUnits(),
                Quantity = line.Quantity,
            }).ToList(),
        };
        order.CatchUp(dto);
        return order;
    }

    /// <summary>Takes the state a newer event carries; lines never change after placing.</summary>
    public void CatchUp(OrderDto dto)
    {
        Status = dto.Status;
        Version = dto.Version;
        CancelledAt = dto.CancelledAt;
        CancellationReason = dto.CancellationReason;
    }

    public OrderDto ToDto() => new(
        Id,
        CustomerId,
        Status,
        Lines.OrderBy(line => line.LineNumber).Select(line => line.ToDto(Currency)).ToList(),
        Money.FromMinorUnits(TotalMinor, Currency),
        PaymentId,
        Version,
        PlacedAt,
        CancelledAt,
        CancellationReason);
}

internal sealed class OrderLine
{
    public long Id { get; init; }

    public Guid OrderId { get; init; }

    public int LineNumber { get; init; }

    public Guid ProductId { get; init; }

    public required string Sku { get; init; }

    public required string Name { get; init; }

    public long UnitPriceMinor { get; init; }

    public int Quantity { get; init; }

    public OrderLineDto ToDto(string currency) => new(
        ProductId, Sku, Name, Money.FromMinorUnits(UnitPriceMinor, currency), Quantity, Money.FromMinorUnits(UnitPriceMinor * Quantity, currency));
}
