using Microsoft.EntityFrameworkCore;
using Shop.Kernel;

namespace Shop.BuildingBlocks.Paging;

public static class PagingExtensions
{
    /// <summary>Counts, then reads one page; the query must already be ordered so that pages are stable.</summary>
    public static async Task<PagedResult<TResult>> ToPagedResultAsync<TEntity, TResult>(
        this IQueryable<TEntity> orderedQuery,
        PageRequest page,
        Func<TEntity, TResult> map,
        CancellationToken cancellationToken)
    {
        var total = await orderedQuery.CountAsync(cancellationToken);
        var rows = await orderedQuery.Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        var totalPages = (int)Math.Ceiling(total / (double)page.PageSize);
        return new PagedResult<TResult>(rows.Select(map).ToList(), page.Page, page.PageSize, total, totalPages);
    }
}
