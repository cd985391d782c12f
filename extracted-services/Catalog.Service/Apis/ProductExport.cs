using Catalog.Service.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shop.Kernel;
using Shop.BuildingBlocks.Paging;
using Shop.Catalog.Contracts.Products;

namespace Catalog.Service.Apis;

/// <summary>Every product, ordered by id, in the contract's shape: the same export the monolith serves, for reconcile.</summary>
internal static class ProductExport
{
    public static Task<PagedResult<ProductDto>> ReadPageAsync(IServiceProvider services, PageRequest page, CancellationToken cancellationToken) =>
        services.GetRequiredService<CatalogContext>().Products.AsNoTracking()
            .OrderBy(p => p.Id)
            .ToPagedResultAsync(page, p => p.ToDto(), cancellationToken);
}
