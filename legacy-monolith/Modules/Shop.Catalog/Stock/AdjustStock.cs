using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Persistence;
using Shop.Kernel;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Infrastructure;
using Shop.Catalog.Products;

namespace Shop.Catalog.Stock;

/// <summary>A stock count correction or a delivery: adds <see cref="Delta"/> (negative to remove).</summary>
internal sealed record AdjustStock(Guid ProductId, int Delta, string? Reason) : ICommand<Result<ProductDto>>;

internal sealed class AdjustStockHandler(CatalogDbContext db, StockLedger ledger) : ICommandHandler<AdjustStock, Result<ProductDto>>
{
    public const int MaxDelta = 100_000;

    public async ValueTask<Result<ProductDto>> Handle(AdjustStock command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .AddIf(command.Delta == 0, "delta", "must not be 0.")
            .AddIf(Math.Abs((long)command.Delta) > MaxDelta, "delta", $"must be between -{MaxDelta} and {MaxDelta}.")
            .AddIf(string.IsNullOrWhiteSpace(command.Reason), "reason", "is required.")
            .AddIf(command.Reason?.Length > 200, "reason", "must be at most 200 characters.");
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        await using var transaction = await db.Database.BeginUnitAsync(cancellationToken);
        if (!await ledger.TryChangeAsync(command.ProductId, command.Delta, command.Reason!.Trim(), cancellationToken))
        {
            var stock = await db.Products.Where(p => p.Id == command.ProductId).Select(p => (int?)p.StockOnHand).SingleOrDefaultAsync(cancellationToken);
            return stock is null
                ? Error.NotFound("Product", command.ProductId)
                : Error.Conflict("Insufficient stock.", $"Stock on hand is {stock}; removing {-command.Delta} would make it negative.");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().Include(p => p.Category).SingleAsync(p => p.Id == command.ProductId, cancellationToken);
        return product.ToDto();
    }
}
