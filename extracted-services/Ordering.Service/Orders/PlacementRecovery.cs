using Microsoft.EntityFrameworkCore;
using Ordering.Service.Infrastructure;
using Ordering.Service.Monolith;
using Shop.BuildingBlocks.Recovery;

namespace Ordering.Service.Orders;

/// <summary>The service's recovery of unfinished placements: undone through the monolith's contracts over HTTP, by the order's id.</summary>
internal sealed class PlacementRecovery(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<PlacementRecovery> logger)
    : PlacementRecoverySweep<OrderingContext>(scopes, clock, configuration, logger)
{
    protected override Task<bool> OrderExistsAsync(OrderingContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AnyAsync(o => o.Id == orderId, cancellationToken);

    protected override async Task<string?> UndoAsync(IServiceProvider services, Guid orderId, CancellationToken cancellationToken)
    {
        var monolith = services.GetRequiredService<MonolithClient>();
        var payment = await monolith.ReleasePaymentForOrderAsync(orderId, "order placement did not finish", cancellationToken);
        var stock = await monolith.ReleaseStockAsync(orderId, cancellationToken);
        return (payment.Error ?? stock.Error)?.Title;
    }
}
