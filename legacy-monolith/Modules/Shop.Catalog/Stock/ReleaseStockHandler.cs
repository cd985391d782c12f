using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Persistence;
using Shop.Kernel;
using Shop.Catalog.Contracts.Stock;
using Shop.Catalog.Infrastructure;

namespace Shop.Catalog.Stock;

/// <summary>Gives back what a reservation took; returns how many lines were released this time (0 on a repeat).</summary>
internal sealed class ReleaseStockHandler(CatalogDbContext db, StockLedger ledger, TimeProvider clock)
    : IRequestHandler<ReleaseStock, Result<int>>
{
    public async ValueTask<Result<int>> Handle(ReleaseStock request, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginUnitAsync(cancellationToken);
        var open = await db.StockReservations.AsNoTracking()
            .Where(r => r.ReservationId == request.ReservationId && r.ReleasedAt == null)
            .OrderBy(r => r.Sku)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var released = 0;
        foreach (var reservation in open)
        {
            // Claim the line before giving its stock back: of two releases racing, only the one whose
            // conditional update changed the row returns the stock; the other finds it claimed.
            var claimed = await db.StockReservations
                .Where(r => r.Id == reservation.Id && r.ReleasedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ReleasedAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            // A product deleted since the reservation has no stock to return to; the release is still recorded.
            await ledger.TryChangeAsync(reservation.ProductId, reservation.Quantity, $"released from {request.ReservationId}", cancellationToken);
            released++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return released;
    }
}
