using Microsoft.EntityFrameworkCore;
using Shop.Sync.Outbox;
using Shop.Kernel;
using Shop.Payments.Contracts;
using Shop.Payments.Infrastructure;
using Shop.Payments.Model;

namespace Shop.Payments.Payments;

/// <summary>Load a payment, apply one transition, save it with its event: the shape every payment change has.</summary>
internal sealed class PaymentStore(PaymentsDbContext db, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The outbox row for an event of this change, stamped now.</summary>
    public OutboxMessage Event<TEvent>(TEvent integrationEvent) where TEvent : IIntegrationEvent => OutboxMessage.From(integrationEvent, Now);

    public async Task<Result<PaymentDto>> ChangeAsync(
        Guid paymentId,
        Func<Payment, string?> transition,
        Func<Payment, OutboxMessage?> eventOf,
        CancellationToken cancellationToken)
    {
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return Error.NotFound("Payment", paymentId);
        }

        var refusal = transition(payment);
        if (refusal is not null)
        {
            return Error.Conflict("The payment cannot change that way.", refusal);
        }

        if (eventOf(payment) is { } message)
        {
            db.Outbox().Add(message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return payment.ToDto();
    }
}
