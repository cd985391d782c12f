using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Sync.Outbox;
using Shop.Kernel;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Infrastructure;

namespace Shop.Catalog.Products;

/// <summary>Replaces a product's editable fields; <see cref="ExpectedVersion"/> guards against lost updates.</summary>
internal sealed record UpdateProduct(Guid Id, ProductInput Input, long ExpectedVersion) : ICommand<Result<ProductDto>>;

internal sealed class UpdateProductHandler(CatalogDbContext db, TimeProvider clock) : ICommandHandler<UpdateProduct, Result<ProductDto>>
{
    public async ValueTask<Result<ProductDto>> Handle(UpdateProduct command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.AddIf(command.ExpectedVersion < 1, "version", "must be the version you read, 1 or more.");
        command.Input.Validate(errors);
        var category = await command.Input.FindCategoryAsync(db, errors, cancellationToken);
        if (!errors.IsEmpty || category is null)
        {
            return errors.ToError();
        }

        var product = await db.Products.Include(p => p.Category).SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken);
        if (product is null)
        {
            return Error.NotFound("Product", command.Id);
        }

        if (product.Version != command.ExpectedVersion)
        {
            return Error.VersionConflict("Product", command.ExpectedVersion, product.Version);
        }

        product.Name = command.Input.Name.Trim();
        product.Description = command.Input.Description?.Trim() ?? "";
        product.Category = category;
        product.PriceMinor = command.Input.Price.ToMinorUnits();
        product.Currency = command.Input.Price.Currency;
        product.Version++;
        product.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.AddToOutbox(product.ToUpdatedEvent(), clock);

        // A concurrent change between the read and this write raises DbUpdateConcurrencyException: a 409.
        await db.SaveChangesAsync(cancellationToken);
        return product.ToDto();
    }
}
