using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.BuildingBlocks.Http;
using Shop.Kernel;

namespace Shop.Sync.Feeds;

/// <summary>
/// <c>GET /api/sync/export/{dataset}?page=&amp;pageSize=</c>: every row of a dataset, in the public
/// contract's shape, ordered by id. One protocol on every side, so a backfill can copy from it and
/// <c>strangler reconcile</c> can compare any two sides row by row. Admin only.
/// </summary>
public static class ExportApi
{
    public static IEndpointRouteBuilder MapExport<TRow>(
        this IEndpointRouteBuilder endpoints,
        string dataset,
        Func<IServiceProvider, PageRequest, CancellationToken, Task<PagedResult<TRow>>> readPage)
    {
        endpoints.MapGet($"/api/sync/export/{dataset}",
                async Task<Results<Ok<PagedResult<TRow>>, ValidationProblem, ProblemHttpResult>> (
                    int? page, int? pageSize, IServiceProvider services, CancellationToken cancellationToken) =>
                {
                    var errors = new ValidationErrors();
                    var request = PageRequest.From(page, pageSize, errors);
                    Result<PagedResult<TRow>> result = errors.IsEmpty ? await readPage(services, request, cancellationToken) : errors.ToError();
                    return result.ToHttp(TypedResults.Ok);
                })
            .RequireShopAdmin().WithTags("Sync").WithName($"Export-{dataset}")
            .WithSummary($"Every {dataset} row, ordered by id, a page at a time (admin): for backfill and reconcile.");
        return endpoints;
    }
}
