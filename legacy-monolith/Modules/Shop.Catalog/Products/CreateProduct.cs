using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Sync.Outbox;
using Shop.Kernel;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Infrastructure;
using Shop.Catalog.Model;

namespace Shop.Catalog.Products;

internal sealed record CreateProduct(string Sku, ProductInput Input, int StockOnHand) : ICommand<Result<ProductDto>>;

internal sealed partial class CreateProductHandler(CatalogDbContext db, TimeProvider clock) : ICommandHandler<CreateProduct, Result<ProductDto>>
{
    public const int MaxStock = 1_000_000;

    public async ValueTask<Result<ProductDto>> Handle(CreateProduct command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.AddIf(!SkuPattern().IsMatch(command.Sku ?? ""), "sku", "must be 3 to 32 upper-case letters, digits or dashes.");
        errors.AddIf(command.StockOnHand is < 0 or > MaxStock, "stockOnHand", $"must be between 0 and {MaxStock}.");
        command.Input.Validate(errors);
        var category = await command.Input.FindCategoryAsync(db, errors, cancellationToken);
        if (!errors.IsEmpty || category is null)
        {
            return errors.ToError();
        }

        if (await db.Products.AnyAsync(p => p.Sku == command.Sku, cancellationToken))
        {
            return Error.Conflict("The SKU is taken.", $"A product with the SKU '{command.Sku}' already exists.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var product = new Product
        {
            Id = Guid.CreateVersion7(),
            Sku = command.Sku!,
            Name = command.Input.Name.Trim(),
            Description = command.Input.Description?.Trim() ?? "",
            Category = category,
            PriceMinor = command.Input.Price.ToMinorUnits(),
            Currency = command.Input.Price.Currency,
            StockOnHand = command.StockOnHand,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Products.Add(product);
        db.AddToOutbox(product.ToCreatedEvent(), clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Products.AnyAsync(p => p.Sku == command.Sku, cancellationToken))
            {
                throw;
            }

            // Two creates with one SKU raced; the unique index decided, and this one lost.
            return Error.Conflict("The SKU is taken.", $"A product with the SKU '{command.Sku}' already exists.");
        }

        return product.ToDto();
    }

    [GeneratedRegex("^[A-Z0-9-]{3,32}$")]
    private static partial Regex SkuPattern();
}
