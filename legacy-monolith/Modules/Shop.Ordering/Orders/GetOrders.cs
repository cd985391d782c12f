using Mediator;
using Microsoft.EntityFrameworkCore;
using Shop.Kernel;
using Shop.BuildingBlocks.Paging;
using Shop.Ordering.Contracts;
using Shop.Ordering.Infrastructure;

namespace Shop.Ordering.Orders;

internal sealed record GetOrder(Guid Id) : IQuery<Result<OrderDto>>;

internal sealed class GetOrderHandler(OrderingDbContext db) : IQueryHandler<GetOrder, Result<OrderDto>>
{
    public async ValueTask<Result<OrderDto>> Handle(GetOrder query, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == query.Id, cancellationToken);
        return order is null ? Error.NotFound("Order", query.Id) : order.ToDto();
    }
}

/// <summary>A customer's orders, newest first.</summary>
internal sealed record ListCustomerOrders(Guid CustomerId, int? Page, int? PageSize) : IQuery<Result<PagedResult<OrderDto>>>;

internal sealed class ListCustomerOrdersHandler(OrderingDbContext db) : IQueryHandler<ListCustomerOrders, Result<PagedResult<OrderDto>>>
{
    public async ValueTask<Result<PagedResult<OrderDto>>> Handle(ListCustomerOrders query, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = PageRequest.From(query.Page, query.PageSize, errors);
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        return await db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => o.CustomerId == query.CustomerId)
            .OrderByDescending(o => o.PlacedAt).ThenBy(o => o.Id)
            .ToPagedResultAsync(page, order => order.ToDto(), cancellationToken);
    }
}
