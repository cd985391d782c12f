using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.BuildingBlocks.Http;
using Shop.Catalog.Contracts.Stock;

namespace Shop.Catalog.Api;

/// <summary>Body of <c>POST /api/catalog/stock-reservations</c>.</summary>
internal sealed record ReserveStockRequest(Guid ReservationId, IReadOnlyList<StockLine> Lines);

/// <summary>What <c>POST /api/catalog/stock-reservations/{id}/release</c> answers.</summary>
internal sealed record ReleaseStockResponse(Guid ReservationId, int LinesReleased);

/// <summary>
/// Catalog's stock contract (<see cref="ReserveStock"/>, <see cref="ReleaseStock"/>) over HTTP, for a
/// caller outside the monolith: the extracted ordering service. Both are idempotent by reservation
/// id, so the caller may retry them. Admin only.
/// </summary>
internal static class StockReservationsApi
{
    public static RouteGroupBuilder MapStockReservationsApi(this RouteGroupBuilder catalog)
    {
        var reservations = catalog.MapGroup("/stock-reservations").RequireShopAdmin();
        reservations.MapPost("/", Reserve).WithName("ReserveStock")
            .WithSummary("Reserve stock for every line or none; a repeat with the same reservation id returns the first answer (admin).");
        reservations.MapPost("/{id:guid}/release", Release).WithName("ReleaseStock")
            .WithSummary("Give back what a reservation took; a repeat releases nothing more (admin).");
        return catalog;
    }

    private static async Task<Results<Ok<IReadOnlyList<ReservedLine>>, ValidationProblem, ProblemHttpResult>> Reserve(
        ReserveStockRequest body, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ReserveStock(body.ReservationId, body.Lines), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<ReleaseStockResponse>, ValidationProblem, ProblemHttpResult>> Release(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ReleaseStock(id), cancellationToken)).ToHttp(count => TypedResults.Ok(new ReleaseStockResponse(id, count)));
}
