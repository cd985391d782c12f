using Microsoft.EntityFrameworkCore;
using Ordering.Service.Infrastructure;
using Ordering.Service.Model;
using Shop.Sync.Feeds;
using Shop.Ordering.Contracts;

namespace Ordering.Service.Sync;

/// <summary>
/// The one way an order from the monolith lands here, whether it comes as an event (change sync) or
/// as an exported row (backfill): inserted when new, caught up when newer, left alone otherwise.
/// </summary>
internal sealed class OrderRows : IRowImporter<OrderingContext, OrderDto>
{
    public async Task<ImportOutcome> ImportAsync(OrderingContext db, OrderDto row, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == row.Id, cancellationToken);
        if (order is null)
        {
            db.Orders.Add(Order.From(row));
            return ImportOutcome.Inserted;
        }

        if (order.Version >= row.Version)
        {
            return ImportOutcome.Unchanged;
        }

        order.CatchUp(row);
        return ImportOutcome.Updated;
    }
}
