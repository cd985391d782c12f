using Ordering.Service.Infrastructure;
using Ordering.Service.Model;
using Ordering.Service.Monolith;
using Shop.BuildingBlocks.Http;
using Shop.BuildingBlocks.Money;
using Shop.BuildingBlocks.Outbox;
using Shop.BuildingBlocks.Results;
using Shop.Ordering.Contracts;

namespace Ordering.Service.Orders;

/// <summary>
/// Places an order the way the monolith does, step for step: reserve stock (the monolith's Catalog,
/// over HTTP), authorise payment (its Payments), then save the order with its OrderPlaced event in
/// this service's outbox. A later failure undoes the earlier steps, which are idempotent, so the
/// undo may be repeated safely.
/// </summary>
internal sealed class PlaceOrder(OrderingContext db, MonolithClient monolith, TimeProvider clock)
{
    public async Task<Result<OrderDto>> RunAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var errors = PlaceOrderRequest.Validate(request.CustomerId, request.Lines);
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        var orderId = Guid.CreateVersion7();
        var reserved = await monolith.ReserveStockAsync(orderId, request.Lines, cancellationToken);
        if (!reserved.IsSuccess)
        {
            return reserved.Error;
        }

        var currencies = reserved.Value.Select(line => line.UnitPrice.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count != 1)
        {
            await UndoAsync(orderId, paymentId: null);
            return new ValidationErrors().Add("lines", $"all products of one order must share a currency; these are in {string.Join(", ", currencies)}.").ToError();
        }

        var currency = currencies[0];
        var totalMinor = reserved.Value.Sum(line => line.UnitPrice.ToMinorUnits() * line.Quantity);
        var payment = await monolith.AuthorisePaymentAsync(orderId, Money.FromMinorUnits(totalMinor, currency), cancellationToken);
        if (!payment.IsSuccess)
        {
            await UndoAsync(orderId, paymentId: null);
            return payment.Error;
        }

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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await UndoAsync(orderId, payment.Value.Id);
            throw;
        }

        return order.ToDto();
    }

    // Compensation runs even if the caller has gone away: it must not be cancelled half-way.
    private async Task UndoAsync(Guid orderId, Guid? paymentId)
    {
        if (paymentId is { } id)
        {
            await monolith.ReleasePaymentAsync(id, "order could not be saved", CancellationToken.None);
        }

        await monolith.ReleaseStockAsync(orderId, CancellationToken.None);
    }
}
