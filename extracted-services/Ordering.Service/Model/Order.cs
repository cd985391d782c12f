using Shop.Kernel;
using Shop.Ordering.Contracts;

namespace Ordering.Service.Model;

/// <summary>The service's own order row. <see cref="Version"/> is the aggregate version both sides agree on.</summary>
internal sealed class Order
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    public OrderStatus Status { get; set; } = OrderStatus.Placed;

    public required string Currency { get; init; }

    public long TotalMinor { get; init; }

    public Guid PaymentId { get; init; }

    public long Version { get; set; } = 1;

    public DateTime PlacedAt { get; init; }

    public DateTime? CancelledAt { get; set; }

    public string? CancellationReason { get; set; }

    public List<OrderLine> Lines { get; init; } = [];

    public void Cancel(string reason, DateTime now)
    {
        Status = OrderStatus.Cancelled;
        CancellationReason = reason;
        CancelledAt = now;
        Version++;
    }

    /// <summary>An order as another side's event or export carries it.</summary>
    public static Order From(OrderDto dto)
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

    /// <summary>Takes a newer state; lines never change after placing.</summary>
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
        Lines.OrderBy(line => line.LineNumber).Select(line => new OrderLineDto(
            line.ProductId, line.Sku, line.Name, Money.FromMinorUnits(line.UnitPriceMinor, Currency), line.Quantity,
            Money.FromMinorUnits(line.UnitPriceMinor * line.Quantity, Currency))).ToList(),
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
}
