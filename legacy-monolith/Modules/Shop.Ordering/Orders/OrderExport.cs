using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Kernel;
using Shop.BuildingBlocks.Paging;
using Shop.Ordering.Contracts;
using Shop.Ordering.Infrastructure;

namespace Shop.Ordering.Orders;

/// <summary>Every order in the API's shape, ordered by id: what a backfill copies and a reconcile compares.</summary>
internal static class OrderExport
{
    public static Task<PagedResult<OrderDto>> ReadPageAsync(IServiceProvider services, PageRequest page, CancellationToken cancellationToken) =>
        services.GetRequiredService<OrderingDbContext>().Orders.AsNoTracking().Include(o => o.Lines)
            .OrderBy(o => o.Id)
            .ToPagedResultAsync(page, order => order.ToDto(), cancellationToken);
}
