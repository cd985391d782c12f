using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Kernel;
using Shop.BuildingBlocks.Paging;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Infrastructure;

namespace Shop.Catalog.Products;

/// <summary>Every product in the API's shape, ordered by id: what a backfill copies and a reconcile compares.</summary>
internal static class ProductExport
{
    public static Task<PagedResult<ProductDto>> ReadPageAsync(IServiceProvider services, PageRequest page, CancellationToken cancellationToken) =>
        services.GetRequiredService<CatalogDbContext>().Products.AsNoTracking().Include(p => p.Category)
            .OrderBy(p => p.Id)
            .ToPagedResultAsync(page, ProductMapping.ToDto, cancellationToken);
}
