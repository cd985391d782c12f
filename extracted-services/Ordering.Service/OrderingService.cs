using Ordering.Service.Apis;
using Ordering.Service.Infrastructure;
using Ordering.Service.Monolith;
using Ordering.Service.Orders;
using Ordering.Service.Sync;
using Scalar.AspNetCore;
using Shop.BuildingBlocks.Hosting;
using Shop.BuildingBlocks.Http;
using Shop.BuildingBlocks.Persistence;
using Shop.BuildingBlocks.Recovery;
using Shop.Sync.Feeds;
using Shop.Ordering.Contracts;
using Strangler.ServiceDefaults.Hosting;

namespace Ordering.Service;

/// <summary>
/// The composition of ordering-service, public so that tests and the sample's app host start exactly
/// what <c>dotnet run</c> starts.
/// </summary>
public static class OrderingService
{
    public const string Module = "Ordering";

    /// <summary>The monolith's ordering outbox: orders it takes reach this service through it.</summary>
    public const string MonolithFeed = "monolith-ordering";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ShopHost.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddShopHostDefaults().AddSync();
        builder.Services.AddOpenApi(options => OpenApiTitle.Set(options, "ordering-service", "Orders, carved out of the monolith, on their own database; stock and payments stay in the monolith."));
        var monolith = MonolithOptions.FromConfiguration(builder.Configuration);
        builder.Services.AddModuleDbContext<OrderingContext, SqliteOrderingContext, PostgresOrderingContext, SqlServerOrderingContext>(builder.Configuration, Module);
        builder.Services.AddSingleton(monolith);
        builder.Services.AddTransient<RetryIdempotentCalls>();
        builder.Services.AddHttpClient<MonolithClient>(http => http.Timeout = monolith.Timeout * (monolith.Retries + 2))
            .AddHttpMessageHandler<RetryIdempotentCalls>()
            .ForwardDryRuns()
            .ForwardCorrelationId()
            .ForwardBaggage();
        builder.Services.AddScoped<PlaceOrder>();
        builder.Services.AddSingleton(RecoveryOptions.FromConfiguration(builder.Configuration));
        builder.Services.AddHostedService<OrderRecovery>();
        builder.Services.AddScoped<CancelOrder>();
        builder.Services.AddScoped<OrderRows>();
        builder.Services.AddOutboxRelay<OrderingContext, MonolithOrderEvents>(builder.Configuration, MonolithFeed, "ordering", startsAfterBackfill: true);
        builder.Services.AddBackfill<OrderingContext, OrderDto, OrderRows>(MonolithFeed);

        var app = builder.Build();
        app.UseShopHostDefaults().MapSync();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapOrdersApi();
        app.MapExport<OrderDto>("orders", OrdersApi.ExportPageAsync);
        return app;
    }

    /// <summary>Migrates the service's database. There is no seeding: orders come from the monolith.</summary>
    public static Task PrepareAsync(WebApplication app, CancellationToken cancellationToken) => app.MigrateDatabasesAsync(cancellationToken);

    public static Task<BackfillReport> BackfillAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<Backfill<OrderingContext, OrderDto>>().RunAsync("orders", cancellationToken);

    public static Task<int> CatchUpAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<OutboxRelay<OrderingContext>>().CatchUpAsync(cancellationToken);

    /// <summary>What the service can run instead of serving HTTP: <c>dotnet run -- &lt;command&gt;</c>.</summary>
    public static IReadOnlyList<ServiceCommand> Commands { get; } =
    [
        new ServiceCommand("backfill", "copy the monolith's orders here (resumable, idempotent), then exit",
            async (app, token) => SyncReports.PrintBackfill(await BackfillAsync(app.Services, token))),
        new ServiceCommand("sync", "apply the monolith's ordering events not applied yet, then exit",
            async (app, token) => SyncReports.PrintSync(MonolithFeed, await CatchUpAsync(app.Services, token))),
    ];

    public static Task<int> RunAsync(string[] args) => ServiceCommandLine.RunAsync(
        args, "ordering-service", options => Build(options), PrepareAsync, ServiceBanner.Print, Commands);
}
