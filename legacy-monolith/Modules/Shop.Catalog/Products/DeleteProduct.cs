using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Sync.Outbox;
using Shop.Kernel;
using Shop.Catalog.Contracts.Events;
using Shop.Catalog.Infrastructure;

namespace Shop.Catalog.Products;

/// <summary>Deletes a product. Orders keep their own copy of name and price, so history is unaffected.</summary>
internal sealed record DeleteProduct(Guid Id, long? ExpectedVersion) : ICommand<Result<Guid>>;

internal sealed class DeleteProductHandler(CatalogDbContext db, TimeProvider clock) : ICommandHandler<DeleteProduct, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(DeleteProduct command, CancellationToken cancellationToken)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken);
        if (product is null)
        {
            return Error.NotFound("Product", command.Id);
        }

        if (command.ExpectedVersion is { } expected && expected != product.Version)
        {
            return Error.VersionConflict("Product", expected, product.Version);
        }

        db.Products.Remove(product);
        db.AddToOutbox(new ProductDeleted(product.Id, product.Sku, product.Version + 1), clock);
        await db.SaveChangesAsync(cancellationToken);
        return product.Id;
    }
}
