using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.BuildingBlocks.Http;
using Shop.Kernel;
using Shop.Payments.Contracts;
using Shop.Payments.Payments;

namespace Shop.Payments.Api;

internal sealed record AuthoriseRequest(Guid OrderId, Money Amount);

internal sealed record CaptureRequest(decimal? Amount = null);

internal sealed record RefundRequest(decimal Amount, string Reason);

internal sealed record ReleaseRequest(string Reason);

/// <summary>Payments over HTTP. Reading is open; every change needs the admin key.</summary>
internal static class PaymentsApi
{
    public static RouteGroupBuilder MapPaymentsApi(this RouteGroupBuilder payments)
    {
        payments.MapGet("/{id:guid}", GetPayment).WithName("GetPayment").WithSummary("Get one payment.");
        var changes = payments.MapGroup("").RequireShopAdmin();
        changes.MapPost("/", Authorise).WithName("AuthorisePayment")
            .WithSummary("Authorise an amount for an order; a repeat for the same order returns the first payment (admin).");
        changes.MapPost("/{id:guid}/capture", Capture).WithName("CapturePayment")
            .WithSummary("Capture all or part of an authorisation (admin).");
        changes.MapPost("/{id:guid}/refund", Refund).WithName("RefundPayment")
            .WithSummary("Refund part or all of what was captured, with a reason (admin).");
        changes.MapPost("/{id:guid}/release", Release).WithName("ReleasePayment")
            .WithSummary("Undo a payment whatever its state: void an authorisation, refund what is left of a capture; a repeat changes nothing (admin).");
        changes.MapPost("/for-order/{orderId:guid}/release", ReleaseForOrder).WithName("ReleasePaymentForOrder")
            .WithSummary("Release the payment of an order, found by the order's id, if it has one: what recovering an unfinished placement needs; a repeat changes nothing (admin).");
        changes.MapPost("/{id:guid}/void", Void).WithName("VoidPayment")
            .WithSummary("Void an authorisation that was not captured (admin).");
        return payments;
    }

    private static async Task<Results<Ok<PaymentDto>, ValidationProblem, ProblemHttpResult>> GetPayment(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new GetPayment(id), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Created<PaymentDto>, ValidationProblem, ProblemHttpResult>> Authorise(
        AuthoriseRequest body, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new AuthorisePayment(body.OrderId, body.Amount), cancellationToken))
            .ToHttp(payment => TypedResults.Created($"/api/payments/{payment.Id}", payment));

    private static async Task<Results<Ok<PaymentDto>, ValidationProblem, ProblemHttpResult>> Capture(
        Guid id, CaptureRequest body, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new CapturePayment(id, body.Amount), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<PaymentDto>, ValidationProblem, ProblemHttpResult>> Refund(
        Guid id, RefundRequest body, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new RefundPayment(id, body.Amount, body.Reason), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<PaymentDto>, ValidationProblem, ProblemHttpResult>> Release(
        Guid id, ReleaseRequest body, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ReleasePayment(id, body.Reason), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<ReleasedForOrder>, ValidationProblem, ProblemHttpResult>> ReleaseForOrder(
        Guid orderId, ReleaseRequest body, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ReleasePaymentForOrder(orderId, body.Reason), cancellationToken)).ToHttp(released => TypedResults.Ok(new ReleasedForOrder(orderId, released)));

    private static async Task<Results<Ok<PaymentDto>, ValidationProblem, ProblemHttpResult>> Void(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new VoidPayment(id), cancellationToken)).ToHttp(TypedResults.Ok);
}

/// <summary>Whether the order had a payment to release.</summary>
internal sealed record ReleasedForOrder(Guid OrderId, bool HadPayment);
