using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shop.Sync.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        // The sequence is the primary key because SQLite can only auto-increment its integer key.
        builder.HasKey(message => message.Sequence);
        builder.Property(message => message.Sequence).ValueGeneratedOnAdd();
        builder.HasIndex(message => message.EventId).IsUnique();
        builder.HasIndex(message => new { message.AggregateId, message.AggregateVersion }).IsUnique();
        builder.Property(message => message.EventType).HasMaxLength(200).IsRequired();
        builder.Property(message => message.AggregateId).HasMaxLength(100).IsRequired();
        builder.Property(message => message.Payload).IsRequired();
    }
}
