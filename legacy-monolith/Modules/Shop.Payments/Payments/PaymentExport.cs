using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Kernel;
using Shop.BuildingBlocks.Paging;
using Shop.Payments.Contracts;
using Shop.Payments.Infrastructure;

namespace Shop.Payments.Payments;

/// <summary>
/// Every payment in the API's shape, ordered by id: what <c>strangler reconcile --dataset orders</c>
/// holds against the orders on both sides, so that money held for an order nobody has is found.
/// </summary>
internal static class PaymentExport
{
    public static Task<PagedResult<PaymentDto>> ReadPageAsync(IServiceProvider services, PageRequest page, CancellationToken cancellationToken) =>
        services.GetRequiredService<PaymentsDbContext>().Payments.AsNoTracking()
            .OrderBy(p => p.Id)
            .ToPagedResultAsync(page, p => p.ToDto(), cancellationToken);
}
