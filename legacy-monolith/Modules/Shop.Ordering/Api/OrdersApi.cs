using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.BuildingBlocks.Http;
using Shop.Kernel;
using Shop.Ordering.Contracts;
using Shop.Ordering.Orders;

namespace Shop.Ordering.Api;

internal static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/api/orders").WithTags(OrderingModule.Name);
        orders.MapPost("/", PlaceOrder).WithName("PlaceOrder")
            .WithSummary("Place an order: reserves stock and authorises payment, all or nothing.");
        orders.MapGet("/{id:guid}", GetOrder).WithName("GetOrder").WithSummary("Get one order.");
        orders.MapPost("/{id:guid}/cancel", CancelOrder).WithName("CancelOrder")
            .WithSummary("Cancel an order: releases its stock and voids or refunds its payment.");
        endpoints.MapGet("/api/customers/{customerId:guid}/orders", ListCustomerOrders)
            .WithTags(OrderingModule.Name).WithName("ListCustomerOrders").WithSummary("A customer's orders, newest first, paged.");
        return endpoints;
    }

    private static async Task<Results<Created<OrderDto>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        PlaceOrderRequest body, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new PlaceOrder(body.CustomerId, body.Lines), cancellationToken))
            .ToHttp(order => TypedResults.Created($"/api/orders/{order.Id}", order));

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, ProblemHttpResult>> GetOrder(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new GetOrder(id), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<OrderDto>, ValidationProblem, ProblemHttpResult>> CancelOrder(
        Guid id, CancelOrderRequest? body, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new CancelOrder(id, body?.Reason, body?.Version), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<PagedResult<OrderDto>>, ValidationProblem, ProblemHttpResult>> ListCustomerOrders(
        Guid customerId, int? page, int? pageSize, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ListCustomerOrders(customerId, page, pageSize), cancellationToken)).ToHttp(TypedResults.Ok);
}
