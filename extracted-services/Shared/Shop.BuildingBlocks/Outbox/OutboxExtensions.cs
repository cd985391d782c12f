using Shop.BuildingBlocks.Persistence;
using Shop.Kernel;

namespace Shop.BuildingBlocks.Outbox;

public static class OutboxExtensions
{
    /// <summary>Adds the event to the context's outbox; it is saved with the context's next SaveChanges.</summary>
    public static void AddToOutbox<TEvent>(this ModuleDbContext context, TEvent integrationEvent, TimeProvider clock)
        where TEvent : IIntegrationEvent =>
        context.Outbox.Add(OutboxMessage.From(integrationEvent, clock.GetUtcNow().UtcDateTime));
}
