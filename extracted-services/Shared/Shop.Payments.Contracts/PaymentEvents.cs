using Shop.Kernel;

namespace Shop.Payments.Contracts;

public sealed record PaymentAuthorised(Guid PaymentId, Guid OrderId, Money Amount, long AggregateVersion) : IIntegrationEvent
{
    public static string EventType => "payments.payment-authorised.v1";

    public string AggregateId => PaymentId.ToString();
}

public sealed record PaymentCaptured(Guid PaymentId, Guid OrderId, Money Amount, long AggregateVersion) : IIntegrationEvent
{
    public static string EventType => "payments.payment-captured.v1";

    public string AggregateId => PaymentId.ToString();
}

public sealed record PaymentRefunded(Guid PaymentId, Guid OrderId, Money Amount, string Reason, long AggregateVersion) : IIntegrationEvent
{
    public static string EventType => "payments.payment-refunded.v1";

    public string AggregateId => PaymentId.ToString();
}

public sealed record PaymentVoided(Guid PaymentId, Guid OrderId, long AggregateVersion) : IIntegrationEvent
{
    public static string EventType => "payments.payment-voided.v1";

    public string AggregateId => PaymentId.ToString();
}
