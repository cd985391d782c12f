using Mediator;
using Shop.Kernel;
using Shop.Sync.Outbox;
using Shop.Payments.Contracts;

namespace Shop.Payments.Payments;

internal sealed class CapturePaymentHandler(PaymentStore store) : IRequestHandler<CapturePayment, Result<PaymentDto>>
{
    public async ValueTask<Result<PaymentDto>> Handle(CapturePayment request, CancellationToken cancellationToken)
    {
        if (request.Amount is { } amount && (amount <= 0 || !Money.HasValidScale(amount)))
        {
            return new ValidationErrors().Add("amount", $"must be more than 0 with at most {Money.Decimals} decimals.").ToError();
        }

        return await store.ChangeAsync(
            request.PaymentId,
            payment => payment.Capture(request.Amount is { } part ? new Money(part, payment.Currency).ToMinorUnits() : payment.AuthorisedMinor, store.Now),
            payment => store.Event(new PaymentCaptured(payment.Id, payment.OrderId, payment.Amount(payment.CapturedMinor), payment.Version)),
            cancellationToken);
    }
}

internal sealed class RefundPaymentHandler(PaymentStore store) : IRequestHandler<RefundPayment, Result<PaymentDto>>
{
    public async ValueTask<Result<PaymentDto>> Handle(RefundPayment request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .AddIf(request.Amount <= 0 || !Money.HasValidScale(request.Amount), "amount", $"must be more than 0 with at most {Money.Decimals} decimals.")
            .AddIf(string.IsNullOrWhiteSpace(request.Reason), "reason", "is required.")
            .AddIf(request.Reason?.Length > 200, "reason", "must be at most 200 characters.");
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        var minor = Money.MinorUnitsOf(request.Amount);
        return await store.ChangeAsync(
            request.PaymentId,
            payment => payment.Refund(minor, store.Now),
            payment => store.Event(new PaymentRefunded(payment.Id, payment.OrderId, payment.Amount(minor), request.Reason!.Trim(), payment.Version)),
            cancellationToken);
    }
}

internal sealed class VoidPaymentHandler(PaymentStore store) : IRequestHandler<VoidPayment, Result<PaymentDto>>
{
    public async ValueTask<Result<PaymentDto>> Handle(VoidPayment request, CancellationToken cancellationToken) =>
        await store.ChangeAsync(
            request.PaymentId,
            payment => payment.Void(store.Now),
            payment => store.Event(new PaymentVoided(payment.Id, payment.OrderId, payment.Version)),
            cancellationToken);
}

internal sealed class ReleasePaymentHandler(PaymentStore store) : IRequestHandler<ReleasePayment, Result<PaymentDto>>
{
    public async ValueTask<Result<PaymentDto>> Handle(ReleasePayment request, CancellationToken cancellationToken)
    {
        OutboxMessage? released = null;
        return await store.ChangeAsync(request.PaymentId, Release, _ => released, cancellationToken);

        string? Release(Model.Payment payment)
        {
            switch (payment.Status)
            {
                case PaymentStatus.Authorised:
                    var voidRefusal = payment.Void(store.Now);
                    released = voidRefusal is null ? store.Event(new PaymentVoided(payment.Id, payment.OrderId, payment.Version)) : null;
                    return voidRefusal;
                case PaymentStatus.Captured or PaymentStatus.PartiallyRefunded:
                    var left = payment.CapturedMinor - payment.RefundedMinor;
                    var refundRefusal = payment.Refund(left, store.Now);
                    released = refundRefusal is null
                        ? store.Event(new PaymentRefunded(payment.Id, payment.OrderId, payment.Amount(left), request.Reason, payment.Version))
                        : null;
                    return refundRefusal;
                default:
                    return null; // already voided or refunded: nothing is left to release
            }
        }
    }
}
