using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Ordering.Service.Infrastructure;
using Ordering.Service.Orders;
using Shop.BuildingBlocks.Http;
using Shop.Kernel;
using Shop.BuildingBlocks.Paging;
using Shop.Ordering.Contracts;

namespace Ordering.Service.Apis;

/// <summary>The monolith's ordering contract, path for path; the contract parity suite runs against both.</summary>
internal static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/api/orders").WithTags("Ordering");
        orders.MapPost("/", Place).WithName("PlaceOrder")
            .WithSummary("Place an order: reserves stock and authorises payment, all or nothing.");
        orders.MapGet("/{id:guid}", Get).WithName("GetOrder").WithSummary("Get one order.");
        orders.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelOrder")
            .WithSummary("Cancel an order: releases its stock and voids or refunds its payment.");
        endpoints.MapGet("/api/customers/{customerId:guid}/orders", ListForCustomer)
            .WithTags("Ordering").WithName("ListCustomerOrders").WithSummary("A customer's orders, newest first, paged.");
        return endpoints;
    }

    private static async Task<Results<Created<OrderDto>, ValidationProblem, ProblemHttpResult>> Place(
        PlaceOrderRequest body, PlaceOrder placeOrder, CancellationToken cancellationToken) =>
        (await placeOrder.RunAsync(body, cancellationToken)).ToHttp(order => TypedResults.Created($"/api/orders/{order.Id}", order));

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, ProblemHttpResult>> Get(
        Guid id, OrderingContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        Result<OrderDto> result = order is null ? Error.NotFound("Order", id) : order.ToDto();
        return result.ToHttp(TypedResults.Ok);
    }

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, CancelOrderRequest? body, CancelOrder cancelOrder, CancellationToken cancellationToken) =>
        (await cancelOrder.RunAsync(id, body, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<PagedResult<OrderDto>>, ValidationProblem, ProblemHttpResult>> ListForCustomer(
        Guid customerId, int? page, int? pageSize, OrderingContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var request = PageRequest.From(page, pageSize, errors);
        Result<PagedResult<OrderDto>> result = errors.IsEmpty
            ? await db.Orders.AsNoTracking().Include(o => o.Lines)
                .Where(o => o.CustomerId == customerId)
                .OrderByDescending(o => o.PlacedAt).ThenBy(o => o.Id)
                .ToPagedResultAsync(request, order => order.ToDto(), cancellationToken)
            : errors.ToError();
        return result.ToHttp(TypedResults.Ok);
    }

    /// <summary>Every order, ordered by id, in the contract's shape: the export reconcile and a reverse backfill read.</summary>
    public static Task<PagedResult<OrderDto>> ExportPageAsync(IServiceProvider services, PageRequest page, CancellationToken cancellationToken) =>
        services.GetRequiredService<OrderingContext>().Orders.AsNoTracking().Include(o => o.Lines)
            .OrderBy(o => o.Id)
            .ToPagedResultAsync(page, order => order.ToDto(), cancellationToken);
}
