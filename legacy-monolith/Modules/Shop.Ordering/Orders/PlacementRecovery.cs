using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.BuildingBlocks.Recovery;
using Shop.Catalog.Contracts.Stock;
using Shop.Ordering.Infrastructure;
using Shop.Payments.Contracts;

namespace Shop.Ordering.Orders;

/// <summary>The monolith's recovery of unfinished placements: undone through Payments' and Catalog's contracts, in process.</summary>
internal sealed class PlacementRecovery(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<PlacementRecovery> logger)
    : PlacementRecoverySweep<OrderingDbContext>(scopes, clock, configuration, logger)
{
    protected override Task<bool> OrderExistsAsync(OrderingDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AnyAsync(o => o.Id == orderId, cancellationToken);

    protected override async Task<string?> UndoAsync(IServiceProvider services, Guid orderId, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<ISender>();
        var payment = await sender.Send(new ReleasePaymentForOrder(orderId, "order placement did not finish"), cancellationToken);
        var stock = await sender.Send(new ReleaseStock(orderId), cancellationToken);
        return (payment.Error ?? stock.Error)?.Title;
    }
}
