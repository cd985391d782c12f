using Shop.Kernel;

namespace Shop.Catalog.Api;

/// <summary>Body of <c>POST /api/catalog/products</c>.</summary>
internal sealed record CreateProductRequest(string Sku, string Name, string Category, Money Price, int StockOnHand, string? Description = null);

/// <summary>Body of <c>PUT /api/catalog/products/{id}</c>: the editable fields and the version that was read.</summary>
internal sealed record UpdateProductRequest(string Name, string Category, Money Price, long Version, string? Description = null);

/// <summary>Body of <c>POST /api/catalog/products/{id}/stock-adjustments</c>.</summary>
internal sealed record AdjustStockRequest(int Delta, string Reason);

/// <summary>Query string of <c>GET /api/catalog/products</c>.</summary>
internal sealed record ListProductsParameters(
    int? Page, int? PageSize, string? Category, decimal? MinPrice, decimal? MaxPrice, string? Search, string? Sort);
