using Mediator;
using Shop.Kernel;
using Shop.Sync.Outbox;
using Shop.BuildingBlocks.Recovery;
using Shop.Catalog.Contracts.Stock;
using Shop.Ordering.Contracts;
using Shop.Ordering.Infrastructure;
using Shop.Ordering.Model;
using Shop.Payments.Contracts;

namespace Shop.Ordering.Orders;

/// <summary>Places an order. <see cref="OrderId"/> is given only by the seeder, for a reproducible sample.</summary>
internal sealed record PlaceOrder(Guid CustomerId, IReadOnlyList<OrderLineRequest> Lines, Guid? OrderId = null) : ICommand<Result<OrderDto>>;

/// <summary>
/// Record the attempt, reserve stock (Catalog's contract), authorise payment (Payments' contract), then
/// save the order with its OrderPlaced event and close the attempt, in one transaction. Each module
/// commits on its own, so a later failure undoes the earlier steps through the same contracts, and a
/// process that dies part-way leaves an open attempt that <see cref="OrderRecovery"/> undoes by
/// the order's id: no stock stays reserved and no authorisation stays open for an order that does not
/// exist. Every step is keyed by the order's id, so a step repeated never reserves or charges twice.
/// </summary>
internal sealed class PlaceOrderHandler(OrderingDbContext db, ISender sender, TimeProvider clock, IOrderFaults? faults = null)
    : ICommandHandler<PlaceOrder, Result<OrderDto>>
{
    public async ValueTask<Result<OrderDto>> Handle(PlaceOrder command, CancellationToken cancellationToken)
    {
        var errors = PlaceOrderRequest.Validate(command.CustomerId, command.Lines);
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        var orderId = command.OrderId ?? Guid.CreateVersion7();
        var attempt = new PlacementAttempt { OrderId = orderId, StartedAt = clock.GetUtcNow().UtcDateTime };
        db.PlacementAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        faults?.At(OrderStep.AttemptRecorded, orderId);

        var reserved = await sender.Send(
            new ReserveStock(orderId, command.Lines.Select(line => new StockLine(line.Sku, line.Quantity)).ToList()), cancellationToken);
        if (!reserved.IsSuccess)
        {
            await CloseAsync(attempt, PlacementAttempt.Compensated);
            return reserved.Error;
        }

        faults?.At(OrderStep.StockReserved, orderId);

        var currencies = reserved.Value.Select(line => line.UnitPrice.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count != 1)
        {
            await UndoAsync(attempt, paymentId: null);
            return new ValidationErrors().Add("lines", $"all products of one order must share a currency; these are in {string.Join(", ", currencies)}.").ToError();
        }

        var currency = currencies[0];
        var totalMinor = reserved.Value.Sum(line => line.UnitPrice.ToMinorUnits() * line.Quantity);
        var payment = await sender.Send(new AuthorisePayment(orderId, Money.FromMinorUnits(totalMinor, currency)), cancellationToken);
        if (!payment.IsSuccess)
        {
            await UndoAsync(attempt, paymentId: null);
            return payment.Error;
        }

        faults?.At(OrderStep.PaymentAuthorised, orderId);

        var order = new Order
        {
            Id = orderId,
            CustomerId = command.CustomerId,
            Currency = currency,
            TotalMinor = totalMinor,
            PaymentId = payment.Value.Id,
            PlacedAt = clock.GetUtcNow().UtcDateTime,
            Lines = reserved.Value.Select((line, index) => new OrderLine
            {
                OrderId = orderId,
                LineNumber = index + 1,
                ProductId = line.ProductId,
                Sku = line.Sku,
                Name = line.Name,
                UnitPriceMinor = line.UnitPrice.ToMinorUnits(),
                Quantity = line.Quantity,
            }).ToList(),
        };
        db.Orders.Add(order);
        db.AddToOutbox(new OrderPlaced(order.ToDto()), clock);
        attempt.Close(PlacementAttempt.Placed, order.PlacedAt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not SimulatedCrash)
        {
            db.ChangeTracker.Clear();
            db.Attach(attempt);
            await UndoAsync(attempt, payment.Value.Id);
            throw;
        }

        return order.ToDto();
    }

    // Compensation runs even if the caller has gone away: it must not be cancelled half-way.
    private async Task UndoAsync(PlacementAttempt attempt, Guid? paymentId)
    {
        if (paymentId is { } id)
        {
            await sender.Send(new ReleasePayment(id, "order could not be saved"), CancellationToken.None);
        }

        await sender.Send(new ReleaseStock(attempt.OrderId), CancellationToken.None);
        await CloseAsync(attempt, PlacementAttempt.Compensated);
    }

    private async Task CloseAsync(PlacementAttempt attempt, string outcome)
    {
        attempt.Close(outcome, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
