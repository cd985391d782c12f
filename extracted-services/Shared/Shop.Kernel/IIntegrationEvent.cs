namespace Shop.Kernel;

/// <summary>
/// An event other parts of the system may learn about. The type name is part of the public
/// contract (services and relays match on it), so it is spelled out rather than taken from the CLR name.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Stable name, such as <c>catalog.product-created.v1</c>.</summary>
    static abstract string EventType { get; }

    /// <summary>The aggregate the event belongs to; events of one aggregate are ordered by version.</summary>
    string AggregateId { get; }

    /// <summary>The aggregate's version after the change: 1 for the first event, then one more each change.</summary>
    long AggregateVersion { get; }
}
