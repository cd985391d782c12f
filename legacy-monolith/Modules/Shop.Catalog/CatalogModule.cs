using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.Persistence;
using Shop.BuildingBlocks.Seeding;
using Shop.Sync.Feeds;
using Shop.Catalog.Contracts.Products;
using Shop.Catalog.Products;
using Shop.Catalog.Api;
using Shop.Catalog.Infrastructure;
using Shop.Catalog.Seeding;
using Shop.Catalog.Stock;

namespace Shop.Catalog;

/// <summary>How a host takes the Catalog module in: its services, and its endpoints under <c>/api/catalog</c>.</summary>
public static class CatalogModule
{
    public const string Name = "Catalog";

    public static IServiceCollection AddCatalogModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CatalogDbContext, SqliteCatalogDbContext, PostgresCatalogDbContext, SqlServerCatalogDbContext>(
            configuration, Name);
        services.AddScoped<StockLedger>();
        services.AddScoped<IModuleSeeder, CatalogSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/catalog")
            .WithTags(Name)
            .MapProductsApi()
            .MapProductAdminApi()
            .MapStockReservationsApi();
        endpoints.MapExport<ProductDto>("products", ProductExport.ReadPageAsync);
        endpoints.MapExport<StockReservationRow>("stock-reservations", StockReservationExport.ReadPageAsync);
        return endpoints;
    }
}
