using Microsoft.EntityFrameworkCore;
using Ordering.Service.Infrastructure;
using Ordering.Service.Monolith;
using Shop.Sync.Outbox;
using Shop.BuildingBlocks.Recovery;
using Shop.Kernel;
using Shop.Ordering.Contracts;

namespace Ordering.Service.Orders;

/// <summary>
/// Cancels a placed order as the monolith does: payment released, stock given back, OrderCancelled
/// emitted. As there, the cancellation is recorded before the first release and closed with the
/// order's save; one left open (the process died, or the monolith could not be reached) is finished
/// by <see cref="OrderRecovery"/>.
/// </summary>
internal sealed class CancelOrder(OrderingContext db, MonolithClient monolith, TimeProvider clock, IOrderFaults? faults = null)
{
    public async Task<Result<OrderDto>> RunAsync(Guid orderId, CancelOrderRequest? request, CancellationToken cancellationToken)
    {
        var errors = CancelOrderRequest.Validate(request?.Reason);
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return Error.NotFound("Order", orderId);
        }

        if (order.Status == OrderStatus.Cancelled)
        {
            return Error.Conflict("The order is already cancelled.", $"Order '{order.Id}' was cancelled at {order.CancelledAt:O}.");
        }

        if (request?.Version is { } expected && expected != order.Version)
        {
            return Error.VersionConflict("Order", expected, order.Version);
        }

        var reason = CancelOrderRequest.ReasonOrDefault(request?.Reason);
        var attempt = await CancellationAttempts.BeginAsync(db, order.Id, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        faults?.At(OrderStep.CancellationRecorded, order.Id);
        // Both releases are idempotent, so if a concurrent cancel wins the save below, repeating them did no harm.
        var payment = await monolith.ReleasePaymentAsync(order.PaymentId, reason, CancellationToken.None);
        if (!payment.IsSuccess)
        {
            return payment.Error;
        }

        faults?.At(OrderStep.CancellationPaymentReleased, order.Id);
        var stock = await monolith.ReleaseStockAsync(order.Id, CancellationToken.None);
        if (!stock.IsSuccess)
        {
            return stock.Error;
        }

        order.Cancel(reason, clock.GetUtcNow().UtcDateTime);
        attempt.Close(CancellationAttempt.Cancelled, order.CancelledAt!.Value);
        db.AddToOutbox(new OrderCancelled(order.ToDto()), clock);
        await db.SaveChangesAsync(CancellationToken.None);
        return order.ToDto();
    }
}
