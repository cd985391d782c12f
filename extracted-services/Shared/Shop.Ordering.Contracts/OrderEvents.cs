using Shop.Kernel;

namespace Shop.Ordering.Contracts;

/// <summary>An order was placed; carries the whole order so that a consumer needs no call back.</summary>
public sealed record OrderPlaced(OrderDto Order) : IIntegrationEvent
{
    public static string EventType => "ordering.order-placed.v1";

    public string AggregateId => Order.Id.ToString();

    public long AggregateVersion => Order.Version;
}

public sealed record OrderCancelled(OrderDto Order) : IIntegrationEvent
{
    public static string EventType => "ordering.order-cancelled.v1";

    public string AggregateId => Order.Id.ToString();

    public long AggregateVersion => Order.Version;
}
