using Shop.Kernel;

namespace Shop.Catalog.Model;

/// <summary>
/// A product. <see cref="Version"/> is the optimistic-concurrency token and the aggregate version of
/// its outbox events: every change, stock included, adds one.
/// </summary>
internal sealed class Product
{
    public Guid Id { get; init; }

    public required string Sku { get; init; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public Guid CategoryId { get; set; }

    public Category Category { get; set; } = null!;

    public long PriceMinor { get; set; }

    public required string Currency { get; set; }

    public int StockOnHand { get; set; }

    public long Version { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public Money Price => Money.FromMinorUnits(PriceMinor, Currency);
}
