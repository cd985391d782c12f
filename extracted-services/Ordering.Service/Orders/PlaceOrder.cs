using Ordering.Service.Infrastructure;
using Ordering.Service.Model;
using Ordering.Service.Monolith;
using Shop.Kernel;
using Shop.Sync.Outbox;
using Shop.BuildingBlocks.Recovery;
using Shop.Ordering.Contracts;

namespace Ordering.Service.Orders;

/// <summary>
/// Places an order the way the monolith does, step for step: look the products up in the catalog (its
/// read contract, over HTTP), reserve stock (the monolith's Catalog), authorise payment (its Payments), then save the order with its OrderPlaced event in
/// this service's outbox. A later failure undoes the earlier steps, which are idempotent, so the
/// undo may be repeated safely. As in the monolith, the attempt is recorded before the first step and
/// closed with the order, so a process that dies part-way leaves an open attempt that
/// <see cref="OrderRecovery"/> undoes by the order's id.
/// </summary>
internal sealed class PlaceOrder(OrderingContext db, MonolithClient monolith, TimeProvider clock, IOrderFaults? faults = null)
{
    public async Task<Result<OrderDto>> RunAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var errors = PlaceOrderRequest.Validate(request.CustomerId, request.Lines);
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        // Products of several currencies cannot be one order: found in the catalog first, nothing is
        // reserved only to be released. The reservation's own check below stays the authority.
        if (await monolith.CatalogCurrenciesAsync(request.Lines.Select(line => line.Sku), cancellationToken) is { Count: > 1 } listed)
        {
            return MixedCurrencies(listed);
        }

        var orderId = Guid.CreateVersion7();
        var attempt = new PlacementAttempt { OrderId = orderId, StartedAt = clock.GetUtcNow().UtcDateTime };
        db.PlacementAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        faults?.At(OrderStep.AttemptRecorded, orderId);

        var reserved = await monolith.ReserveStockAsync(orderId, request.Lines, cancellationToken);
        if (!reserved.IsSuccess)
        {
            // A refusal reserved nothing; an unanswered call may have reserved: release by the order's id, which changes nothing if not.
            await UndoAsync(attempt, paymentId: null, stockTaken: reserved.Error.Kind == ErrorKind.Unavailable, paymentUncertain: false);
            return reserved.Error;
        }

        faults?.At(OrderStep.StockReserved, orderId);

        var currencies = reserved.Value.Select(line => line.UnitPrice.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count != 1)
        {
            await UndoAsync(attempt, paymentId: null, stockTaken: true, paymentUncertain: false);
            return MixedCurrencies(currencies);
        }

        var currency = currencies[0];
        var totalMinor = reserved.Value.Sum(line => line.UnitPrice.ToMinorUnits() * line.Quantity);
        var payment = await monolith.AuthorisePaymentAsync(orderId, Money.FromMinorUnits(totalMinor, currency), cancellationToken);
        if (!payment.IsSuccess)
        {
            await UndoAsync(attempt, paymentId: null, stockTaken: true, paymentUncertain: payment.Error.Kind == ErrorKind.Unavailable);
            return payment.Error;
        }

        faults?.At(OrderStep.PaymentAuthorised, orderId);

        var order = new Order
        {
            Id = orderId,
            CustomerId = request.CustomerId,
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
            await UndoAsync(attempt, payment.Value.Id, stockTaken: true, paymentUncertain: false);
            throw;
        }

        return order.ToDto();
    }

    private static Error MixedCurrencies(IReadOnlyList<string> currencies) =>
        new ValidationErrors().Add("lines", $"all products of one order must share a currency; these are in {string.Join(", ", currencies)}.").ToError();

    // Compensation runs even if the caller has gone away: it must not be cancelled half-way. When the
    // monolith cannot be reached to undo, the attempt stays open and recovery tries again later.
    private async Task UndoAsync(PlacementAttempt attempt, Guid? paymentId, bool stockTaken, bool paymentUncertain)
    {
        var payment = paymentId is { } id
            ? (await monolith.ReleasePaymentAsync(id, "order could not be saved", CancellationToken.None)).IsSuccess
            : !paymentUncertain || (await monolith.ReleasePaymentForOrderAsync(attempt.OrderId, "order could not be placed", CancellationToken.None)).IsSuccess;
        var stock = !stockTaken || (await monolith.ReleaseStockAsync(attempt.OrderId, CancellationToken.None)).IsSuccess;
        if (payment && stock)
        {
            attempt.Close(PlacementAttempt.Compensated, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}
