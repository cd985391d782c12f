using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Kernel;
using Shop.BuildingBlocks.Paging;
using Shop.Catalog.Infrastructure;

namespace Shop.Catalog.Stock;

/// <summary>One line of a stock reservation as the export shows it; <c>reservationId</c> is the order's id.</summary>
internal sealed record StockReservationRow(long Id, Guid ReservationId, Guid ProductId, string Sku, int Quantity, DateTime ReservedAt, DateTime? ReleasedAt);

/// <summary>
/// Every reservation line, ordered by id: what <c>strangler reconcile --dataset orders</c> holds against
/// the orders on both sides, so that stock taken for an order nobody has is found by the order's id.
/// </summary>
internal static class StockReservationExport
{
    public static Task<PagedResult<StockReservationRow>> ReadPageAsync(IServiceProvider services, PageRequest page, CancellationToken cancellationToken) =>
        services.GetRequiredService<CatalogDbContext>().StockReservations.AsNoTracking()
            .OrderBy(r => r.Id)
            .ToPagedResultAsync(page, r => new StockReservationRow(r.Id, r.ReservationId, r.ProductId, r.Sku, r.Quantity, r.ReservedAt, r.ReleasedAt), cancellationToken);
}
