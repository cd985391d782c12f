using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Shop.Kernel;
using Shop.Sync.Outbox;
using Shop.Payments.Contracts;
using Shop.Payments.Infrastructure;
using Shop.Payments.Model;

namespace Shop.Payments.Payments;

/// <summary>
/// The sample's stand-in for a card issuer: it approves amounts up to <c>Payments:AuthorisationLimit</c>
/// (10000 by default) and declines the rest, so the declined path can be exercised.
/// </summary>
internal sealed class AuthorisePaymentHandler(PaymentsDbContext db, TimeProvider clock, IConfiguration configuration)
    : IRequestHandler<AuthorisePayment, Result<PaymentDto>>
{
    public async ValueTask<Result<PaymentDto>> Handle(AuthorisePayment request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .AddIf(request.OrderId == Guid.Empty, "orderId", "is required.")
            .AddIf(request.Amount is null, "amount", "is required.");
        if (request.Amount is { } amount)
        {
            errors.AddIf(amount.Amount <= 0, "amount.amount", "must be more than 0.")
                .AddIf(!Money.HasValidScale(amount.Amount), "amount.amount", $"must have at most {Money.Decimals} decimals.")
                .AddIf(!Money.IsCurrencyCode(amount.Currency), "amount.currency", "must be a three-letter upper-case ISO 4217 code.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        var existing = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.OrderId == request.OrderId, cancellationToken);
        if (existing is not null)
        {
            return existing.ToDto();
        }

        var limit = configuration.GetValue("Payments:AuthorisationLimit", 10_000m);
        if (request.Amount!.Amount > limit)
        {
            return new Error(ErrorKind.PaymentDeclined, "The payment was declined.",
                $"The card issuer declines amounts over {limit} {request.Amount.Currency}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            OrderId = request.OrderId,
            Currency = request.Amount.Currency,
            AuthorisedMinor = request.Amount.ToMinorUnits(),
            CreatedAt = now,
        };
        db.Payments.Add(payment);
        db.AddToOutbox(new PaymentAuthorised(payment.Id, payment.OrderId, request.Amount, payment.Version), clock);
        await db.SaveChangesAsync(cancellationToken);
        return payment.ToDto();
    }
}
