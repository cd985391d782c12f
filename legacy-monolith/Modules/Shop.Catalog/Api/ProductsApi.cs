using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.BuildingBlocks.Http;
using Shop.Kernel;
using Shop.Catalog.Categories;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Products;

namespace Shop.Catalog.Api;

/// <summary>Reading the catalog: open to everyone.</summary>
internal static class ProductsApi
{
    public static RouteGroupBuilder MapProductsApi(this RouteGroupBuilder catalog)
    {
        catalog.MapGet("/products", ListProducts)
            .WithName("ListProducts")
            .WithSummary("List products with paging, category and price filters, text search and sorting.");
        catalog.MapGet("/products/{id:guid}", GetProductById)
            .WithName("GetProduct")
            .WithSummary("Get one product by id.");
        catalog.MapGet("/products/by-sku/{sku}", GetProductBySku)
            .WithName("GetProductBySku")
            .WithSummary("Get one product by SKU.");
        catalog.MapGet("/categories", ListCategories)
            .WithName("ListCategories")
            .WithSummary("List categories with their product counts.");
        return catalog;
    }

    private static async Task<Results<Ok<PagedResult<ProductDto>>, ValidationProblem, ProblemHttpResult>> ListProducts(
        [AsParameters] ListProductsParameters query, ISender sender, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ListProducts(
            query.Page, query.PageSize, query.Category, query.MinPrice, query.MaxPrice, query.Search, query.Sort), cancellationToken);
        return result.ToHttp(TypedResults.Ok);
    }

    private static async Task<Results<Ok<ProductDto>, ValidationProblem, ProblemHttpResult>> GetProductById(
        Guid id, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new GetProduct(id, null), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<Ok<ProductDto>, ValidationProblem, ProblemHttpResult>> GetProductBySku(
        string sku, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new GetProduct(null, sku), cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Ok<IReadOnlyList<CategoryDto>>> ListCategories(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListCategories(), cancellationToken));
}
