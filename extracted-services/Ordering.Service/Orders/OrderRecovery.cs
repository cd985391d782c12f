using Microsoft.EntityFrameworkCore;
using Ordering.Service.Infrastructure;
using Ordering.Service.Monolith;
using Shop.BuildingBlocks.Recovery;
using Shop.Ordering.Contracts;

namespace Ordering.Service.Orders;

/// <summary>The service's recovery of unfinished placements and cancellations: through the monolith's contracts over HTTP, by the order's id.</summary>
internal sealed class OrderRecovery(IServiceScopeFactory scopes, TimeProvider clock, RecoveryOptions options, ILogger<OrderRecovery> logger)
    : OrderRecoverySweep<OrderingContext>(scopes, clock, options, logger)
{
    protected override Task<bool> OrderExistsAsync(OrderingContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AnyAsync(o => o.Id == orderId, cancellationToken);

    protected override Task<bool> OrderCancelledAsync(OrderingContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AnyAsync(o => o.Id == orderId && o.Status == OrderStatus.Cancelled, cancellationToken);

    protected override async Task<string?> UndoPlacementAsync(IServiceProvider services, Guid orderId, CancellationToken cancellationToken)
    {
        var monolith = services.GetRequiredService<MonolithClient>();
        var payment = await monolith.ReleasePaymentForOrderAsync(orderId, "order placement did not finish", cancellationToken);
        var stock = await monolith.ReleaseStockAsync(orderId, cancellationToken);
        return (payment.Error ?? stock.Error)?.Title;
    }

    protected override async Task<string?> FinishCancellationAsync(IServiceProvider services, Guid orderId, CancellationToken cancellationToken)
    {
        var cancelled = await services.GetRequiredService<CancelOrder>().RunAsync(orderId, new CancelOrderRequest("cancellation did not finish"), cancellationToken);
        return cancelled.IsSuccess ? null : cancelled.Error.Title;
    }
}
