using Shop.Kernel;

namespace Shop.Payments.Contracts;

/// <summary>Where a payment stands. Refunded means everything captured was given back.</summary>
public enum PaymentStatus
{
    Authorised,
    Captured,
    PartiallyRefunded,
    Refunded,
    Voided,
}

/// <summary>A payment for one order, as the payments API answers it.</summary>
public sealed record PaymentDto(
    Guid Id,
    Guid OrderId,
    PaymentStatus Status,
    Money Authorised,
    Money Captured,
    Money Refunded,
    long Version,
    DateTime CreatedAt,
    DateTime UpdatedAt);
