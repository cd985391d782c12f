using Microsoft.EntityFrameworkCore;
using Shop.Sync.Outbox;
using Shop.Catalog.Contracts.Events;
using Shop.Catalog.Infrastructure;

namespace Shop.Catalog.Stock;

/// <summary>
/// The one way stock changes. A single conditional UPDATE (stock + delta must stay at or above zero)
/// decides races in the database itself: on PostgreSQL and SQL Server the row lock makes the loser
/// re-check and miss; on SQLite writers are serialised. Callers run it inside their transaction,
/// together with the outbox event it writes.
/// </summary>
internal sealed class StockLedger(CatalogDbContext db, TimeProvider clock)
{
    /// <summary>Applies <paramref name="delta"/>; false when the product is gone or stock would go below zero.</summary>
    public async Task<bool> TryChangeAsync(Guid productId, int delta, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Products
            .Where(p => p.Id == productId && p.StockOnHand + delta >= 0)
            .ExecuteUpdateAsync(set => set
                .SetProperty(p => p.StockOnHand, p => p.StockOnHand + delta)
                .SetProperty(p => p.Version, p => p.Version + 1)
                .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        var after = await db.Products.AsNoTracking()
            .Where(p => p.Id == productId)
            .Select(p => new { p.Sku, p.StockOnHand, p.Version })
            .SingleAsync(cancellationToken);
        db.AddToOutbox(new StockChanged(productId, after.Sku, delta, after.StockOnHand, reason, after.Version, now), clock);
        return true;
    }
}
