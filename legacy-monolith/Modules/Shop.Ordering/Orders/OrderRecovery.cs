using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.BuildingBlocks.Recovery;
using Shop.Catalog.Contracts.Stock;
using Shop.Ordering.Contracts;
using Shop.Ordering.Infrastructure;
using Shop.Payments.Contracts;

namespace Shop.Ordering.Orders;

/// <summary>The monolith's recovery of unfinished placements and cancellations: through Payments' and Catalog's contracts, in process.</summary>
internal sealed class OrderRecovery(IServiceScopeFactory scopes, TimeProvider clock, RecoveryOptions options, ILogger<OrderRecovery> logger)
    : OrderRecoverySweep<OrderingDbContext>(scopes, clock, options, logger)
{
    public const string UnfinishedCancellation = "cancellation did not finish";

    protected override Task<bool> OrderExistsAsync(OrderingDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AnyAsync(o => o.Id == orderId, cancellationToken);

    protected override Task<bool> OrderCancelledAsync(OrderingDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AnyAsync(o => o.Id == orderId && o.Status == OrderStatus.Cancelled, cancellationToken);

    protected override async Task<string?> UndoPlacementAsync(IServiceProvider services, Guid orderId, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<ISender>();
        var payment = await sender.Send(new ReleasePaymentForOrder(orderId, "order placement did not finish"), cancellationToken);
        var stock = await sender.Send(new ReleaseStock(orderId), cancellationToken);
        return (payment.Error ?? stock.Error)?.Title;
    }

    protected override async Task<string?> FinishCancellationAsync(IServiceProvider services, Guid orderId, CancellationToken cancellationToken)
    {
        var cancelled = await services.GetRequiredService<ISender>().Send(new CancelOrder(orderId, UnfinishedCancellation, null), cancellationToken);
        return cancelled.IsSuccess ? null : cancelled.Error.Title;
    }
}
