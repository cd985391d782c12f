using Catalog.Service.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Http;
using Shop.Kernel;
using Shop.Catalog.Contracts.Products;

namespace Catalog.Service.Apis;

/// <summary>
/// The monolith's catalog read contract, path for path: the same query parameters, JSON and
/// problems, so the façade can move <c>catalog-read</c> here without a client noticing. The
/// contract parity suite runs against both to prove it.
/// </summary>
internal static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder endpoints)
    {
        var catalog = endpoints.MapGroup("/api/catalog").WithTags("Catalog");
        catalog.MapGet("/products", ListProducts).WithName("ListProducts")
            .WithSummary("List products with paging, category and price filters, text search and sorting.");
        catalog.MapGet("/products/{id:guid}", GetProductById).WithName("GetProduct").WithSummary("Get one product by id.");
        catalog.MapGet("/products/by-sku/{sku}", GetProductBySku).WithName("GetProductBySku").WithSummary("Get one product by SKU.");
        catalog.MapGet("/categories", ListCategories).WithName("ListCategories").WithSummary("List categories with their product counts.");
        return endpoints;
    }

    private static async Task<Results<Ok<PagedResult<ProductDto>>, ValidationProblem, ProblemHttpResult>> ListProducts(
        [AsParameters] ProductQuery query, CatalogContext db, CancellationToken cancellationToken) =>
        (await query.RunAsync(db, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<ProductDto>, ValidationProblem, ProblemHttpResult>> GetProductById(
        Guid id, CatalogContext db, CancellationToken cancellationToken) =>
        Found(await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken), id).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<ProductDto>, ValidationProblem, ProblemHttpResult>> GetProductBySku(
        string sku, CatalogContext db, CancellationToken cancellationToken) =>
        Found(await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Sku == sku, cancellationToken), sku).ToHttp(TypedResults.Ok);

    private static async Task<Ok<List<CategoryDto>>> ListCategories(CatalogContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Categories.AsNoTracking()
            .OrderBy(c => c.Slug)
            .Select(c => new CategoryDto(c.Id, c.Slug, c.Name, db.Products.Count(p => p.CategorySlug == c.Slug)))
            .ToListAsync(cancellationToken));

    private static Result<ProductDto> Found(Model.Product? product, object key) =>
        product is null ? Error.NotFound("Product", key) : product.ToDto();
}
