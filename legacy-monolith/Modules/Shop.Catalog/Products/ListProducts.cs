using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Kernel;
using Shop.BuildingBlocks.Paging;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Infrastructure;
using Shop.Catalog.Model;

namespace Shop.Catalog.Products;

/// <summary>Filters, text search, sorting and paging over the catalog.</summary>
internal sealed record ListProducts(
    int? Page, int? PageSize, string? Category, decimal? MinPrice, decimal? MaxPrice, string? Search, string? Sort)
    : IQuery<Result<PagedResult<ProductDto>>>;

internal sealed class ListProductsHandler(CatalogDbContext db) : IQueryHandler<ListProducts, Result<PagedResult<ProductDto>>>
{
    public async ValueTask<Result<PagedResult<ProductDto>>> Handle(ListProducts query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (page, sort) = ProductListRules.Validate(query.Page, query.PageSize, query.MinPrice, query.MaxPrice, query.Search, query.Sort, errors);
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        IQueryable<Product> products = db.Products.AsNoTracking().Include(p => p.Category);
        if (!string.IsNullOrEmpty(query.Category))
        {
            products = products.Where(p => p.Category.Slug == query.Category);
        }

        if (query.MinPrice is { } minPrice)
        {
            var minMinor = Money.MinorUnitsOf(minPrice);
            products = products.Where(p => p.PriceMinor >= minMinor);
        }

        if (query.MaxPrice is { } maxPrice)
        {
            var maxMinor = Money.MinorUnitsOf(maxPrice);
            products = products.Where(p => p.PriceMinor <= maxMinor);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            products = products.Where(p =>
                p.Name.ToLower().Contains(term) || p.Description.ToLower().Contains(term) || p.Sku.ToLower().Contains(term));
        }

        return await Order(products, sort).ToPagedResultAsync(page, ProductMapping.ToDto, cancellationToken);
    }

    // The id breaks ties so that a page boundary never falls between equal keys differently twice.
    private static IOrderedQueryable<Product> Order(IQueryable<Product> products, string sort) => sort switch
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
