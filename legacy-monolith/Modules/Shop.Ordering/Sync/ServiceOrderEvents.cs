using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.Sync.Outbox;
using Shop.Sync.Feeds;
using Shop.Ordering.Contracts;
using Shop.Ordering.Infrastructure;
using Shop.Ordering.Model;

namespace Shop.Ordering.Sync;

/// <summary>
/// Reverse sync: orders placed or cancelled by the ordering service, once it owns ordering writes,
/// are mirrored here so the monolith's readers (its order API and any report) keep
/// seeing every order, and switching writes back to the monolith finds them all. Nothing is written
/// to this module's outbox, so a mirrored order is not sent back.
/// </summary>
internal sealed class ServiceOrderEvents : IEventApplier<OrderingDbContext>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ApplyOutcome> ApplyAsync(OrderingDbContext db, OutboxFeedEntry entry, CancellationToken cancellationToken)
    {
        if (entry.EventType != OrderPlaced.EventType && entry.EventType != OrderCancelled.EventType)
        {
            return ApplyOutcome.Ignored;
        }

        var dto = entry.Payload.GetProperty("order").Deserialize<OrderDto>(Json)
            ?? throw new JsonException($"Event {entry.EventId} ({entry.EventType}) has no order.");
        var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == dto.Id, cancellationToken);
        if (order is null)
        {
            db.Orders.Add(Order.FromDto(dto));
            return ApplyOutcome.Applied;
        }

        if (order.Version >= dto.Version)
        {
            return ApplyOutcome.Stale;
        }

        order.CatchUp(dto);
        return ApplyOutcome.Applied;
    }
}
