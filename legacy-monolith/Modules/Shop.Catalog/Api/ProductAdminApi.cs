using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Shop.BuildingBlocks.Http;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Products;
using Shop.Catalog.Stock;

namespace Shop.Catalog.Api;

/// <summary>Changing the catalog: needs the admin key.</summary>
internal static class ProductAdminApi
{
    public static RouteGroupBuilder MapProductAdminApi(this RouteGroupBuilder catalog)
    {
        var admin = catalog.MapGroup("/products").RequireShopAdmin();
        admin.MapPost("/", CreateProduct)
            .WithName("CreateProduct")
            .WithSummary("Create a product (admin).");
        admin.MapPut("/{id:guid}", UpdateProduct)
            .WithName("UpdateProduct")
            .WithSummary("Replace a product's editable fields; send the version you read (admin).");
        admin.MapDelete("/{id:guid}", DeleteProduct)
            .WithName("DeleteProduct")
            .WithSummary("Delete a product, optionally only at a given version (admin).");
        admin.MapPost("/{id:guid}/stock-adjustments", AdjustStock)
            .WithName("AdjustStock")
            .WithSummary("Add or remove stock with a reason; stock never goes below zero (admin).");
        return catalog;
    }

    private static async Task<Results<Created<ProductDto>, ValidationProblem, ProblemHttpResult>> CreateProduct(
        CreateProductRequest body, ISender sender, CancellationToken cancellationToken)
    {
        var input = new ProductInput(body.Name, body.Description, body.Category, body.Price);
        var result = await sender.Send(new CreateProduct(body.Sku, input, body.StockOnHand), cancellationToken);
        return result.ToHttp(product => TypedResults.Created($"/api/catalog/products/{product.Id}", product));
    }

    private static async Task<Results<Ok<ProductDto>, ValidationProblem, ProblemHttpResult>> UpdateProduct(
        Guid id, UpdateProductRequest body, ISender sender, CancellationToken cancellationToken)
    {
        var input = new ProductInput(body.Name, body.Description, body.Category, body.Price);
        return (await sender.Send(new UpdateProduct(id, input, body.Version), cancellationToken)).ToHttp(TypedResults.Ok);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteProduct(
        Guid id, long? version, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new DeleteProduct(id, version), cancellationToken)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<Results<Ok<ProductDto>, ValidationProblem, ProblemHttpResult>> AdjustStock(
        Guid id, AdjustStockRequest body, ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new AdjustStock(id, body.Delta, body.Reason), cancellationToken)).ToHttp(TypedResults.Ok);
}
