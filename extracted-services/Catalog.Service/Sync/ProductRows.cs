using Catalog.Service.Model;
using Shop.Kernel;

namespace Catalog.Service.Sync;

/// <summary>The one way a product row takes the monolith's fields, shared by events and the backfill.</summary>
internal static class ProductRows
{
    public static Product New(Guid id, string sku, string name, string description, string category, string categoryName, Money price) => new()
    {
        Id = id,
        Sku = sku,
        Name = name,
        Description = description,
        CategorySlug = category,
        CategoryName = categoryName,
        PriceMinor = price.ToMinorUnits(),
        Currency = price.Currency,
    };

    public static void Take(Product product, string name, string description, string category, string categoryName, Money price)
    {
        product.Name = name;
        product.Description = description;
        product.CategorySlug = category;
        product.CategoryName = categoryName;
        product.PriceMinor = price.ToMinorUnits();
        product.Currency = price.Currency;
    }
}
