using Catalog.Service.Infrastructure;
using Catalog.Service.Model;
using Microsoft.EntityFrameworkCore;
using Shop.Kernel;
using Shop.BuildingBlocks.Paging;
using Shop.Catalog.Contracts.Products;

namespace Catalog.Service.Apis;

/// <summary>
/// <c>GET /api/catalog/products</c>'s query string and what it means: the rules come from the
/// Catalog contract (<see cref="ProductListRules"/>), the filtering and sorting run on this service's own rows.
/// </summary>
internal sealed record ProductQuery(int? Page, int? PageSize, string? Category, decimal? MinPrice, decimal? MaxPrice, string? Search, string? Sort)
{
    public async Task<Result<PagedResult<ProductDto>>> RunAsync(CatalogContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (page, sort) = ProductListRules.Validate(Page, PageSize, MinPrice, MaxPrice, Search, Sort, errors);
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        return await Ordered(Filtered(db.Products.AsNoTracking()), sort).ToPagedResultAsync(page, p => p.ToDto(), cancellationToken);
    }

    private IQueryable<Product> Filtered(IQueryable<Product> products)
    {
        if (!string.IsNullOrEmpty(Category))
        {
            products = products.Where(p => p.CategorySlug == Category);
        }

        if (MinPrice is { } min)
        {
            var minMinor = Money.MinorUnitsOf(min);
            products = products.Where(p => p.PriceMinor >= minMinor);
        }

        if (MaxPrice is { } max)
        {
            var maxMinor = Money.MinorUnitsOf(max);
            products = products.Where(p => p.PriceMinor <= maxMinor);
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim().ToLowerInvariant();
            products = products.Where(p => p.Name.ToLower().Contains(term) || p.Description.ToLower().Contains(term) || p.Sku.ToLower().Contains(term));
        }

        return products;
    }

    // The id breaks ties, as in the monolith, so equal keys page the same way on both sides.
    private static IOrderedQueryable<Product> Ordered(IQueryable<Product> products, string sort) => sort switch
    {
        "-name" => products.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
        "price" => products.OrderBy(p => p.PriceMinor).ThenBy(p => p.Id),
        "-price" => products.OrderByDescending(p => p.PriceMinor).ThenBy(p => p.Id),
        "sku" => products.OrderBy(p => p.Sku),
        "-sku" => products.OrderByDescending(p => p.Sku),
        "createdAt" => products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
        "-createdAt" => products.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
        _ => products.OrderBy(p => p.Name).ThenBy(p => p.Id),
    };
}
