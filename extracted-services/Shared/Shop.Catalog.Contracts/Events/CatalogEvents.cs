using Shop.Kernel;

namespace Shop.Catalog.Contracts.Events;

/// <summary>
/// Catalog's integration events carry the product's whole state after the change, so a consumer can
/// apply them without calling back. The timestamps are the product's own (not when the event was
/// written), so a copy built from events is equal to the original, field for field.
/// </summary>
public sealed record ProductCreated(
    Guid ProductId, string Sku, string Name, string Description, string Category, string CategoryName,
    Money Price, int StockOnHand, long AggregateVersion, DateTime CreatedAt, DateTime UpdatedAt) : IIntegrationEvent
{
    public static string EventType => "catalog.product-created.v1";

    public string AggregateId => ProductId.ToString();
}

public sealed record ProductUpdated(
    Guid ProductId, string Sku, string Name, string Description, string Category, string CategoryName,
    Money Price, int StockOnHand, long AggregateVersion, DateTime CreatedAt, DateTime UpdatedAt) : IIntegrationEvent
{
    public static string EventType => "catalog.product-updated.v1";

    public string AggregateId => ProductId.ToString();
}

public sealed record ProductDeleted(Guid ProductId, string Sku, long AggregateVersion) : IIntegrationEvent
{
    public static string EventType => "catalog.product-deleted.v1";

    public string AggregateId => ProductId.ToString();
}

public sealed record StockChanged(Guid ProductId, string Sku, int Delta, int StockOnHand, string Reason, long AggregateVersion, DateTime UpdatedAt)
    : IIntegrationEvent
{
    public static string EventType => "catalog.stock-changed.v1";

    public string AggregateId => ProductId.ToString();
}
