using Shop.Catalog.Contracts.Events;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Model;

namespace Shop.Catalog.Products;

internal static class ProductMapping
{
    public static ProductDto ToDto(this Product product) => new(
        product.Id, product.Sku, product.Name, product.Description, product.Category.Slug, product.Category.Name,
        product.Price, product.StockOnHand, product.Version, product.CreatedAt, product.UpdatedAt);

    public static ProductCreated ToCreatedEvent(this Product product) => new(
        product.Id, product.Sku, product.Name, product.Description, product.Category.Slug, product.Category.Name,
        product.Price, product.StockOnHand, product.Version, product.CreatedAt, product.UpdatedAt);

    public static ProductUpdated ToUpdatedEvent(this Product product) => new(
        product.Id, product.Sku, product.Name, product.Description, product.Category.Slug, product.Category.Name,
        product.Price, product.StockOnHand, product.Version, product.CreatedAt, product.UpdatedAt);
}
