using Shop.Kernel;

namespace Shop.Catalog.Contracts.Products;

/// <summary>
/// The rules of <c>GET /api/catalog/products</c>'s query string, part of the contract: the monolith
/// and catalog-service both check them here, so one bad query gets one problem from either side.
/// </summary>
public static class ProductListRules
{
    public const int MaxSearchLength = 100;
    public const string DefaultSort = "name";

    public static readonly IReadOnlyList<string> SortKeys = ["name", "-name", "price", "-price", "sku", "-sku", "createdAt", "-createdAt"];

    /// <summary>Reports every bad parameter into <paramref name="errors"/>; returns the page and the sort key to use.</summary>
    public static (PageRequest Page, string Sort) Validate(
        int? page, int? pageSize, decimal? minPrice, decimal? maxPrice, string? search, string? sort, ValidationErrors errors)
    {
        var request = PageRequest.From(page, pageSize, errors);
        errors.AddIf(minPrice < 0, "minPrice", "must be 0 or more.")
            .AddIf(maxPrice < 0, "maxPrice", "must be 0 or more.")
            .AddIf(minPrice > maxPrice, "minPrice", "must not be more than maxPrice.")
            .AddIf(minPrice is { } min && !Money.HasValidScale(min), "minPrice", $"must have at most {Money.Decimals} decimals.")
            .AddIf(maxPrice is { } max && !Money.HasValidScale(max), "maxPrice", $"must have at most {Money.Decimals} decimals.")
            .AddIf(search?.Length > MaxSearchLength, "search", $"must be at most {MaxSearchLength} characters.");
        var chosen = string.IsNullOrEmpty(sort) ? DefaultSort : sort;
        errors.AddIf(!SortKeys.Contains(chosen), "sort", $"must be one of: {string.Join(", ", SortKeys)}.");
        return (request, chosen);
    }
}
