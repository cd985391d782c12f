using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Sync.Outbox;
using Shop.BuildingBlocks.Recovery;
using Shop.Kernel;
using Shop.Catalog.Contracts.Stock;
using Shop.Ordering.Contracts;
using Shop.Ordering.Infrastructure;
using Shop.Payments.Contracts;

namespace Shop.Ordering.Orders;

/// <summary>
/// Cancels a placed order: the payment is voided or refunded and the stock goes back. The cancellation
/// is recorded before the first release and closed with the order's save, so a process that dies
/// between them leaves an open attempt that <see cref="OrderRecovery"/> finishes: a released payment
/// never sits under an order that still reads as placed.
/// </summary>
internal sealed record CancelOrder(Guid OrderId, string? Reason, long? ExpectedVersion) : ICommand<Result<OrderDto>>;

internal sealed class CancelOrderHandler(OrderingDbContext db, ISender sender, TimeProvider clock, IOrderFaults? faults = null)
    : ICommandHandler<CancelOrder, Result<OrderDto>>
{
    public async ValueTask<Result<OrderDto>> Handle(CancelOrder command, CancellationToken cancellationToken)
    {
        var errors = CancelOrderRequest.Validate(command.Reason);
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken);
        if (order is null)
        {
            return Error.NotFound("Order", command.OrderId);
        }

        if (order.Status == OrderStatus.Cancelled)
        {
            return Error.Conflict("The order is already cancelled.", $"Order '{order.Id}' was cancelled at {order.CancelledAt:O}.");
        }

        if (command.ExpectedVersion is { } expected && expected != order.Version)
        {
            return Error.VersionConflict("Order", expected, order.Version);
        }

        var reason = CancelOrderRequest.ReasonOrDefault(command.Reason);
        var attempt = await CancellationAttempts.BeginAsync(db, order.Id, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        faults?.At(OrderStep.CancellationRecorded, order.Id);
        // Both releases are idempotent, so if a concurrent cancel wins the save below, repeating them did no harm.
        var payment = await sender.Send(new ReleasePayment(order.PaymentId, reason), CancellationToken.None);
        if (!payment.IsSuccess)
        {
            return payment.Error;
        }

        faults?.At(OrderStep.CancellationPaymentReleased, order.Id);
        await sender.Send(new ReleaseStock(order.Id), CancellationToken.None);
        order.Cancel(reason, clock.GetUtcNow().UtcDateTime);
        attempt.Close(CancellationAttempt.Cancelled, order.CancelledAt!.Value);
        db.AddToOutbox(new OrderCancelled(order.ToDto()), clock);
        await db.SaveChangesAsync(CancellationToken.None);
        return order.ToDto();
    }
}
