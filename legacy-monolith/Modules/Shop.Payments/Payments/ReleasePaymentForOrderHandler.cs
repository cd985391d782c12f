using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Kernel;
using Shop.Payments.Contracts;
using Shop.Payments.Infrastructure;

namespace Shop.Payments.Payments;

/// <summary>Finds the order's payment (one order has at most one) and releases it; repeats change nothing.</summary>
internal sealed class ReleasePaymentForOrderHandler(PaymentsDbContext db, ISender sender) : IRequestHandler<ReleasePaymentForOrder, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(ReleasePaymentForOrder request, CancellationToken cancellationToken)
    {
        var paymentId = await db.Payments.AsNoTracking().Where(p => p.OrderId == request.OrderId).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (paymentId is not { } id)
        {
            return false;
        }

        var released = await sender.Send(new ReleasePayment(id, request.Reason), cancellationToken);
        return released.IsSuccess ? true : released.Error;
    }
}
