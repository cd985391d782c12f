using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.Persistence;
using Shop.Sync.Feeds;
using Shop.Payments.Contracts;
using Shop.Payments.Api;
using Shop.Payments.Infrastructure;
using Shop.Payments.Payments;

namespace Shop.Payments;

/// <summary>
/// How a host takes the Payments module in. Payments stays in the monolith on purpose: it changes
/// rarely, is regulated, and gains nothing from its own deployment (docs/01-modular-monolith.md).
/// </summary>
public static class PaymentsModule
{
    public const string Name = "Payments";

    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PaymentsDbContext, SqlitePaymentsDbContext, PostgresPaymentsDbContext, SqlServerPaymentsDbContext>(
            configuration, Name);
        services.AddScoped<PaymentStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapPaymentsModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/payments").WithTags(Name).MapPaymentsApi();
        endpoints.MapExport<PaymentDto>("payments", PaymentExport.ReadPageAsync);
        return endpoints;
    }
}
