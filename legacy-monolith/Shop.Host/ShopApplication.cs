using Shop.BuildingBlocks.Http;
using Strangler.Scan;
using Shop.Sync.Feeds;
using Mediator;
using Scalar.AspNetCore;
using Shop.BuildingBlocks.Hosting;
using Shop.BuildingBlocks.Seeding;
using Shop.Catalog;
using Shop.Catalog.Contracts.Stock;
using Shop.Ordering;
using Shop.Payments;
using Shop.Payments.Contracts;
using Strangler.ServiceDefaults.Hosting;

namespace Shop.Host;

/// <summary>
/// The composition of the monolith, public so that tests start exactly what <c>dotnet run</c> starts,
/// on a real Kestrel server.
/// </summary>
public static class ShopApplication
{
    /// <summary>Builds the host; <paramref name="configure"/> lets a test change configuration or the URL.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ShopHost.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddShopHostDefaults().AddSync();
        builder.Services.AddOpenApi(options => OpenApiTitle.Set(options, "Shop monolith", "The modular monolith: catalog, ordering and payments modules, their outbox feeds and admin endpoints."));
        builder.Services.AddMediator((MediatorOptions options) =>
        {
            // Scoped, so that a handler and the module contracts it calls share the request's DbContexts.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies =
            [
                typeof(CatalogModule), typeof(ReserveStock),
                typeof(OrderingModule),
                typeof(PaymentsModule), typeof(AuthorisePayment),
            ];
        });
        builder.Services
            .AddCatalogModule(builder.Configuration)
            .AddOrderingModule(builder.Configuration)
            .AddPaymentsModule(builder.Configuration);
        var scan = builder.Configuration.GetValue("StranglerScan:Enabled", false);
        if (scan)
        {
            // The extraction map's recorder (docs/04): which endpoint reads and writes which table.
            builder.Services.AddStranglerScan(builder.Configuration, builder.Environment);
        }

        var app = builder.Build();
        app.UseShopHostDefaults().MapSync();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapCatalogModule();
        app.MapOrderingModule();
        app.MapPaymentsModule();
        if (scan)
        {
            app.MapStranglerScan().RequireShopAdmin();
        }

        return app;
    }

    /// <summary>Migrates every module's schema, then seeds the sample unless <c>Seed:Enabled</c> is false.</summary>
    public static async Task PrepareDatabasesAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.MigrateDatabasesAsync(cancellationToken);
        if (!app.Configuration.GetValue("Seed:Enabled", true))
        {
            return;
        }

        var size = new SampleSize(
            app.Configuration.GetValue("Seed:Categories", SampleSize.Default.Categories),
            app.Configuration.GetValue("Seed:Products", SampleSize.Default.Products),
            app.Configuration.GetValue("Seed:Customers", SampleSize.Default.Customers));
        await SeedAsync(app.Services, size, cancellationToken);
    }

    /// <summary>Runs every module's seeder in order; each fills only its own empty tables.</summary>
    public static async Task SeedAsync(IServiceProvider services, SampleSize size, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IModuleSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(size, cancellationToken);
        }
    }
}
