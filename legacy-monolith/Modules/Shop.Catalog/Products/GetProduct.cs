using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Kernel;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Infrastructure;

namespace Shop.Catalog.Products;

internal sealed record GetProduct(Guid? Id, string? Sku) : IQuery<Result<ProductDto>>;

internal sealed class GetProductHandler(CatalogDbContext db) : IQueryHandler<GetProduct, Result<ProductDto>>
{
    public async ValueTask<Result<ProductDto>> Handle(GetProduct query, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking().Include(p => p.Category);
        var product = query.Id is { } id
            ? await products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            : await products.SingleOrDefaultAsync(p => p.Sku == query.Sku, cancellationToken);
        return product is null
            ? Error.NotFound("Product", (object?)query.Id ?? query.Sku ?? "")
            : product.ToDto();
    }
}
