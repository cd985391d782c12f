using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Kernel;
using Shop.Payments.Contracts;
using Shop.Payments.Infrastructure;

namespace Shop.Payments.Payments;

internal sealed record GetPayment(Guid Id) : IQuery<Result<PaymentDto>>;

internal sealed class GetPaymentHandler(PaymentsDbContext db) : IQueryHandler<GetPayment, Result<PaymentDto>>
{
    public async ValueTask<Result<PaymentDto>> Handle(GetPayment query, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.Id, cancellationToken);
        return payment is null ? Error.NotFound("Payment", query.Id) : payment.ToDto();
    }
}
