using System.Text.Json;
using System.Text.Json.Serialization;
using Ordering.Service.Infrastructure;
using Shop.Sync.Outbox;
using Shop.Sync.Feeds;
using Shop.Ordering.Contracts;

namespace Ordering.Service.Sync;

/// <summary>
/// Change sync: orders the monolith places or cancels (while it still takes ordering writes) land
/// here. Nothing is written to this service's outbox, so they are not sent back.
/// </summary>
internal sealed class MonolithOrderEvents(OrderRows rows) : IEventApplier<OrderingContext>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<ApplyOutcome> ApplyAsync(OrderingContext db, OutboxFeedEntry entry, CancellationToken cancellationToken)
    {
        if (entry.EventType != OrderPlaced.EventType && entry.EventType != OrderCancelled.EventType)
        {
            return ApplyOutcome.Ignored;
        }

        var order = entry.Payload.GetProperty("order").Deserialize<OrderDto>(Json)
            ?? throw new JsonException($"Event {entry.EventId} ({entry.EventType}) has no order.");
        return await rows.ImportAsync(db, order, cancellationToken) == ImportOutcome.Unchanged ? ApplyOutcome.Stale : ApplyOutcome.Applied;
    }
}
