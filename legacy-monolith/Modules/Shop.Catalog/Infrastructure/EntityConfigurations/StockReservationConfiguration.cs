using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Catalog.Model;

namespace Shop.Catalog.Infrastructure.EntityConfigurations;

internal sealed class StockReservationConfiguration : IEntityTypeConfiguration<StockReservation>
{
    public void Configure(EntityTypeBuilder<StockReservation> builder)
    {
        builder.ToTable("StockReservations");
        builder.HasKey(reservation => reservation.Id);
        builder.Property(reservation => reservation.Id).ValueGeneratedOnAdd();
        builder.HasIndex(reservation => new { reservation.ReservationId, reservation.Sku }).IsUnique();
        builder.Property(reservation => reservation.Sku).HasMaxLength(32).IsRequired();
        builder.Property(reservation => reservation.ProductName).HasMaxLength(200).IsRequired();
        builder.Property(reservation => reservation.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
    }
}
