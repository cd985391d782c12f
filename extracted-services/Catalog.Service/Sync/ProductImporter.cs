using Catalog.Service.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shop.Sync.Feeds;
using Shop.Catalog.Contracts.Products;

namespace Catalog.Service.Sync;

/// <summary>Backfill: one exported product becomes (or refreshes) a row, only when it is newer.</summary>
internal sealed class ProductImporter : IRowImporter<CatalogContext, ProductDto>
{
    public async Task<ImportOutcome> ImportAsync(CatalogContext db, ProductDto row, CancellationToken cancellationToken)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == row.Id, cancellationToken);
        if (product is not null && product.Version >= row.Version)
        {
            return ImportOutcome.Unchanged;
        }

        var outcome = product is null ? ImportOutcome.Inserted : ImportOutcome.Updated;
        if (product is null)
        {
            product = ProductRows.New(row.Id, row.Sku, row.Name, row.Description, row.Category, row.CategoryName, row.Price);
            db.Products.Add(product);
        }

        ProductRows.Take(product, row.Name, row.Description, row.Category, row.CategoryName, row.Price);
        product.StockOnHand = row.StockOnHand;
        product.Version = row.Version;
        product.CreatedAt = row.CreatedAt;
        product.UpdatedAt = row.UpdatedAt;
        return outcome;
    }
}
