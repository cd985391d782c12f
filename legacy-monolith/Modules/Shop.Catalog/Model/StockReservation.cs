namespace Shop.Catalog.Model;

/// <summary>Stock taken for one line of a reservation (an order), kept so that a release gives back exactly that.</summary>
internal sealed class StockReservation
{
    public long Id { get; init; }

    public Guid ReservationId { get; init; }

    public Guid ProductId { get; init; }

    public required string Sku { get; init; }

    public required string ProductName { get; init; }

    public long UnitPriceMinor { get; init; }

    public required string Currency { get; init; }

    public int Quantity { get; init; }

    public DateTime ReservedAt { get; init; }

    public DateTime? ReleasedAt { get; set; }
}
