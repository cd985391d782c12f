using System.Text.Json;
using Shop.Kernel;

namespace Shop.Sync.Outbox;

/// <summary>
/// One integration event as stored in a module's outbox table, in the same transaction as the change.
/// <see cref="Sequence"/> orders the whole table and is the cursor a relay resumes from.
/// </summary>
public sealed class OutboxMessage
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private OutboxMessage()
    {
    }

    public long Sequence { get; private set; }

    public Guid EventId { get; private set; }

    public string EventType { get; private set; } = "";

    public string AggregateId { get; private set; } = "";

    public long AggregateVersion { get; private set; }

    public string Payload { get; private set; } = "";

    public DateTime OccurredAt { get; private set; }

    public static OutboxMessage From<TEvent>(TEvent integrationEvent, DateTime occurredAt)
        where TEvent : IIntegrationEvent => new()
        {
            EventId = Guid.CreateVersion7(),
            EventType = TEvent.EventType,
            AggregateId = integrationEvent.AggregateId,
            AggregateVersion = integrationEvent.AggregateVersion,
            Payload = JsonSerializer.Serialize(integrationEvent, PayloadJson),
            OccurredAt = occurredAt,
        };
}
