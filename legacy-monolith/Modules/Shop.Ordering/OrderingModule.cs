using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.Persistence;
using Shop.BuildingBlocks.Recovery;
using Shop.BuildingBlocks.Seeding;
using Shop.Sync.Feeds;
using Shop.Ordering.Contracts;
using Shop.Ordering.Orders;
using Shop.Ordering.Sync;
using Shop.Ordering.Api;
using Shop.Ordering.Infrastructure;
using Shop.Ordering.Seeding;

namespace Shop.Ordering;

/// <summary>How a host takes the Ordering module in: its services, and <c>/api/orders</c>, <c>/api/customers/{id}/orders</c>.</summary>
public static class OrderingModule
{
    public const string Name = "Ordering";

    /// <summary>The feed of the ordering service's outbox: how orders it takes come back here.</summary>
    public const string ReverseFeed = "ordering-service";

    public static IServiceCollection AddOrderingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrderingDbContext, SqliteOrderingDbContext, PostgresOrderingDbContext, SqlServerOrderingDbContext>(
            configuration, Name);
        services.AddScoped<IModuleSeeder, OrderingSeeder>();
        services.AddSingleton(RecoveryOptions.FromConfiguration(configuration));
        services.AddSingleton<OrderRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderRecovery>());
        services.AddOutboxRelay<OrderingDbContext, ServiceOrderEvents>(configuration, ReverseFeed, "ordering");
        return services;
    }

    public static IEndpointRouteBuilder MapOrderingModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrdersApi();
        endpoints.MapExport<OrderDto>("orders", OrderExport.ReadPageAsync);
        return endpoints;
    }
}
