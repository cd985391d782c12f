using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Seeding;
using Shop.Ordering.Contracts;
using Shop.Ordering.Infrastructure;
using Shop.Ordering.Orders;
using Shop.Payments.Contracts;

namespace Shop.Ordering.Seeding;

/// <summary>
/// Sample customers' orders, placed through the real use case (so stock, payments and outboxes all
/// agree), with some payments captured and some orders cancelled. Runs after the catalog is seeded.
/// </summary>
internal sealed class OrderingSeeder(OrderingDbContext db, ISender sender) : IModuleSeeder
{
    public int Order => 20;

    public async Task SeedAsync(SampleSize size, CancellationToken cancellationToken)
    {
        if (await db.Orders.AnyAsync(cancellationToken))
        {
            return;
        }

        var random = new Random(4242);
        for (var c = 1; c <= size.Customers; c++)
        {
            var customerId = DeterministicGuid.Create($"customer/{c:D3}");
            var orders = random.Next(0, 4);
            for (var o = 1; o <= orders; o++)
            {
                var lines = Enumerable.Range(0, random.Next(1, 4))
                    .Select(_ => new OrderLineRequest($"SKU-{random.Next(1, size.Products + 1):D5}", random.Next(1, 3)))
                    .DistinctBy(line => line.Sku)
                    .ToList();
                var placed = await sender.Send(
                    new PlaceOrder(customerId, lines, DeterministicGuid.Create($"order/{c:D3}/{o}")), cancellationToken);
                if (!placed.IsSuccess)
                {
                    continue; // a sold-out product: the sample simply has one order fewer
                }

                var roll = random.Next(10);
                if (roll < 6)
                {
                    await sender.Send(new CapturePayment(placed.Value.PaymentId, null), cancellationToken);
                }

                if (roll is 0 or 9)
                {
                    await sender.Send(new CancelOrder(placed.Value.Id, "changed my mind", null), cancellationToken);
                }
            }
        }
    }
}
