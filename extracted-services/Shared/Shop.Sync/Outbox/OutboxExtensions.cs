using Microsoft.EntityFrameworkCore;
using Shop.Kernel;

namespace Shop.Sync.Outbox;

public static class OutboxExtensions
{
    /// <summary>Maps the outbox table into a context whose changes publish integration events.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());

    /// <summary>Integration events written in the same transaction as the change they describe.</summary>
    public static DbSet<OutboxMessage> Outbox(this DbContext context) => context.Set<OutboxMessage>();

    /// <summary>Adds the event to the context's outbox; it is saved with the context's next SaveChanges.</summary>
    public static void AddToOutbox<TEvent>(this DbContext context, TEvent integrationEvent, TimeProvider clock)
        where TEvent : IIntegrationEvent =>
        context.Outbox().Add(OutboxMessage.From(integrationEvent, clock.GetUtcNow().UtcDateTime));
}
