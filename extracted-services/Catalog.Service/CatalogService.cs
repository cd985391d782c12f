using Catalog.Service.Apis;
using Catalog.Service.Infrastructure;
using Catalog.Service.Sync;
using Scalar.AspNetCore;
using Shop.BuildingBlocks.Hosting;
using Shop.BuildingBlocks.Persistence;
using Shop.Sync.Feeds;
using Shop.Catalog.Contracts.Products;
using Strangler.ServiceDefaults.Hosting;

namespace Catalog.Service;

/// <summary>
/// The composition of catalog-service, public so that tests and the sample's app host start exactly
/// what <c>dotnet run</c> starts.
/// </summary>
public static class CatalogService
{
    public const string Module = "Catalog";

    /// <summary>The monolith's catalog outbox, read by the relay and copied by the backfill.</summary>
    public const string MonolithFeed = "monolith-catalog";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ShopHost.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddShopHostDefaults().AddSync();
        builder.Services.AddOpenApi(options => OpenApiTitle.Set(options, "catalog-service", "The catalog read contract, carved out of the monolith, on its own database."));
        builder.Services.AddModuleDbContext<CatalogContext, SqliteCatalogContext, PostgresCatalogContext, SqlServerCatalogContext>(builder.Configuration, Module);
        builder.Services.AddOutboxRelay<CatalogContext, MonolithCatalogEvents>(builder.Configuration, MonolithFeed, "catalog", startsAfterBackfill: true);
        builder.Services.AddBackfill<CatalogContext, ProductDto, ProductImporter>(MonolithFeed);
        builder.Services.AddHttpClient<CategoryCopy>(http => http.Timeout = TimeSpan.FromSeconds(30));

        var app = builder.Build();
        app.UseShopHostDefaults().MapSync();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapProductsApi();
        app.MapExport<ProductDto>("products", ProductExport.ReadPageAsync);
        return app;
    }

    /// <summary>Migrates the service's database. There is no seeding: data comes from the monolith.</summary>
    public static Task PrepareAsync(WebApplication app, CancellationToken cancellationToken) => app.MigrateDatabasesAsync(cancellationToken);

    /// <summary>What <c>backfill</c> does: categories, then every product, from the monolith.</summary>
    public static async Task<BackfillReport> BackfillAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CategoryCopy>().RunAsync(cancellationToken);
        }

        return await services.GetRequiredService<Backfill<CatalogContext, ProductDto>>().RunAsync("products", cancellationToken);
    }

    /// <summary>What <c>sync</c> does: apply every event the monolith has that this side has not.</summary>
    public static Task<int> CatchUpAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<OutboxRelay<CatalogContext>>().CatchUpAsync(cancellationToken);

    /// <summary>What the service can run instead of serving HTTP: <c>dotnet run -- &lt;command&gt;</c>.</summary>
    public static IReadOnlyList<ServiceCommand> Commands { get; } =
    [
        new ServiceCommand("backfill", "copy the monolith's categories and products here (resumable, idempotent), then exit",
            async (app, token) => SyncReports.PrintBackfill(await BackfillAsync(app.Services, token))),
        new ServiceCommand("sync", "apply the monolith's catalog events not applied yet, then exit",
            async (app, token) => SyncReports.PrintSync(MonolithFeed, await CatchUpAsync(app.Services, token))),
    ];

    public static Task<int> RunAsync(string[] args) => ServiceCommandLine.RunAsync(
        args, "catalog-service", options => Build(options), PrepareAsync, ServiceBanner.Print, Commands);
}
