using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Catalog.Model;

namespace Shop.Catalog.Infrastructure.EntityConfigurations;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("Categories");
        builder.HasKey(category => category.Id);
        builder.Property(category => category.Id).ValueGeneratedNever();
        builder.Property(category => category.Slug).HasMaxLength(64).IsRequired();
        builder.HasIndex(category => category.Slug).IsUnique();
        builder.Property(category => category.Name).HasMaxLength(100).IsRequired();
    }
}
