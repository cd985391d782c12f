using Shop.Kernel;

namespace Shop.Catalog.Contracts.Products;

/// <summary>A product as the catalog API answers it. <see cref="Version"/> is what an update must send back.</summary>
public sealed record ProductDto(
    Guid Id,
    string Sku,
    string Name,
    string Description,
    string Category,
    string CategoryName,
    Money Price,
    int StockOnHand,
    long Version,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>A category with how many products it holds.</summary>
public sealed record CategoryDto(Guid Id, string Slug, string Name, int ProductCount);
