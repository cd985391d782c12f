using Shop.Kernel;
using Shop.Catalog.Contracts.Products;

namespace Catalog.Service.Model;

/// <summary>
/// The service's own product row: a read model shaped for the catalog API, category name included,
/// so a read needs no join. <see cref="Version"/> is the monolith's aggregate version it reflects.
/// </summary>
internal sealed class Product
{
    public Guid Id { get; init; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public required string CategorySlug { get; set; }

    public required string CategoryName { get; set; }

    public long PriceMinor { get; set; }

    public required string Currency { get; set; }

    public int StockOnHand { get; set; }

    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public ProductDto ToDto() => new(
        Id, Sku, Name, Description, CategorySlug, CategoryName, Money.FromMinorUnits(PriceMinor, Currency), StockOnHand, Version, CreatedAt, UpdatedAt);
}

internal sealed class Category
{
    public Guid Id { get; init; }

    public required string Slug { get; init; }

    public required string Name { get; set; }
}
