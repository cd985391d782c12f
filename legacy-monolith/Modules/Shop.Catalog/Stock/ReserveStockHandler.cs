using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Persistence;
using Shop.Kernel;
using Shop.Catalog.Contracts.Stock;
using Shop.Catalog.Infrastructure;
using Shop.Catalog.Model;

namespace Shop.Catalog.Stock;

/// <summary>Catalog's side of placing an order: all lines reserved in one transaction, or none.</summary>
internal sealed class ReserveStockHandler(CatalogDbContext db, StockLedger ledger, TimeProvider clock)
    : IRequestHandler<ReserveStock, Result<IReadOnlyList<ReservedLine>>>
{
    public const int MaxQuantity = 1000;

    public async ValueTask<Result<IReadOnlyList<ReservedLine>>> Handle(ReserveStock request, CancellationToken cancellationToken)
    {
        var existing = await ReservedLinesAsync(request.ReservationId, cancellationToken);
        if (existing.Count > 0)
        {
            return Result<IReadOnlyList<ReservedLine>>.Success(existing);
        }

        var errors = new ValidationErrors();
        errors.AddIf(request.ReservationId == Guid.Empty, "reservationId", "is required.");
        errors.AddIf(request.Lines.Count == 0, "lines", "must have at least one line.");
        for (var i = 0; i < request.Lines.Count; i++)
        {
            // Over HTTP anyone with the key can call this; a negative quantity would add stock.
            errors.AddIf(request.Lines[i].Quantity is < 1 or > MaxQuantity, $"lines[{i}].quantity", $"must be between 1 and {MaxQuantity}.");
        }

        // Lines are merged per SKU and taken in SKU order, so two orders never lock rows in opposite order.
        var wanted = request.Lines
            .GroupBy(line => line.Sku, StringComparer.Ordinal)
            .Select(group => new StockLine(group.Key, group.Sum(line => line.Quantity)))
            .OrderBy(line => line.Sku, StringComparer.Ordinal)
            .ToList();
        var skus = wanted.Select(line => line.Sku).ToList();
        var products = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, cancellationToken);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            errors.AddIf(!products.ContainsKey(request.Lines[i].Sku), $"lines[{i}].sku", $"no product has the SKU '{request.Lines[i].Sku}'.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        await using var transaction = await db.Database.BeginUnitAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var line in wanted)
        {
            var product = products[line.Sku];
            if (!await ledger.TryChangeAsync(product.Id, -line.Quantity, $"reserved for {request.ReservationId}", cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                // The caller shares this scope (and context); nothing of the failed attempt may be saved later.
                db.ChangeTracker.Clear();
                var onHand = await db.Products.Where(p => p.Id == product.Id).Select(p => (int?)p.StockOnHand).SingleOrDefaultAsync(cancellationToken);
                return Error.Conflict("Insufficient stock.", $"SKU '{line.Sku}' has {onHand ?? 0} on hand; {line.Quantity} requested.");
            }

            db.StockReservations.Add(new StockReservation
            {
                ReservationId = request.ReservationId,
                ProductId = product.Id,
                Sku = product.Sku,
                ProductName = product.Name,
                UnitPriceMinor = product.PriceMinor,
                Currency = product.Currency,
                Quantity = line.Quantity,
                ReservedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<IReadOnlyList<ReservedLine>>.Success(await ReservedLinesAsync(request.ReservationId, cancellationToken));
    }

    private async Task<IReadOnlyList<ReservedLine>> ReservedLinesAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        var rows = await db.StockReservations.AsNoTracking()
            .Where(r => r.ReservationId == reservationId)
            .OrderBy(r => r.Sku)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ReservedLine(
            r.ProductId, r.Sku, r.ProductName, Kernel.Money.FromMinorUnits(r.UnitPriceMinor, r.Currency), r.Quantity)).ToList();
    }
}
