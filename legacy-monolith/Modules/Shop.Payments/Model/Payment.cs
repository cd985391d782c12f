using Shop.Kernel;
using Shop.Payments.Contracts;

namespace Shop.Payments.Model;

/// <summary>
/// A payment and the rules of its life: authorise, then capture or void; refund only what was captured.
/// Each change adds one to <see cref="Version"/>, which guards against concurrent changes.
/// </summary>
internal sealed class Payment
{
    public Guid Id { get; init; }

    public Guid OrderId { get; init; }

    public required string Currency { get; init; }

    public long AuthorisedMinor { get; init; }

    public long CapturedMinor { get; private set; }

    public long RefundedMinor { get; private set; }

    public PaymentStatus Status { get; private set; }

    public long Version { get; private set; } = 1;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; private set; }

    public Money Amount(long minor) => Money.FromMinorUnits(minor, Currency);

    public string? Capture(long minor, DateTime now)
    {
        if (Status != PaymentStatus.Authorised)
        {
            return $"Only an authorised payment can be captured; this one is {Status}.";
        }

        if (minor > AuthorisedMinor)
        {
            return $"Cannot capture {Amount(minor).Amount} of an authorisation of {Amount(AuthorisedMinor).Amount}.";
        }

        CapturedMinor = minor;
        Status = PaymentStatus.Captured;
        Touch(now);
        return null;
    }

    public string? Refund(long minor, DateTime now)
    {
        if (Status is not (PaymentStatus.Captured or PaymentStatus.PartiallyRefunded))
        {
            return $"Only a captured payment can be refunded; this one is {Status}.";
        }

        if (minor > CapturedMinor - RefundedMinor)
        {
            return $"Cannot refund {Amount(minor).Amount}; {Amount(CapturedMinor - RefundedMinor).Amount} is left to refund.";
        }

        RefundedMinor += minor;
        Status = RefundedMinor == CapturedMinor ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        Touch(now);
        return null;
    }

    public string? Void(DateTime now)
    {
        if (Status != PaymentStatus.Authorised)
        {
            return $"Only an authorised payment can be voided; this one is {Status}.";
        }

        Status = PaymentStatus.Voided;
        Touch(now);
        return null;
    }

    public PaymentDto ToDto() => new(
        Id, OrderId, Status, Amount(AuthorisedMinor), Amount(CapturedMinor), Amount(RefundedMinor), Version, CreatedAt, UpdatedAt);

    private void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
    }
}
