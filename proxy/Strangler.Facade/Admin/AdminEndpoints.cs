using Strangler.Contracts;

namespace Strangler.Facade.Admin;

internal static class AdminEndpoints
{
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        // Proxied requests are not authenticated by the façade, only admin calls are (see FacadeApplication).
        services.AddAdminKeys();
        services.AddSingleton<CapabilityViews>();
        return services;
    }

    /// <summary>
    /// The admin API under /strangler/api, behind the admin key. Anything else under /strangler is a 404
    /// problem here rather than being forwarded: the prefix belongs to the façade.
    /// </summary>
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        app.MapGroup(AdminRoutes.Api)
            .RequireAuthorization(AdminKeys.Scheme)
            .AddEndpointFilter<FlagStoreUnavailable>()
            .MapCapabilitiesApi()
            .MapAuditApi()
            .MapComparisonApi()
            .MapTrafficApi()
            .MapHistoryApi();
        app.Map(AdminRoutes.Prefix + "/{**rest}", (string? rest) => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such façade endpoint.",
            detail: $"{AdminRoutes.Prefix}/{rest} does not exist; the admin API is under {AdminRoutes.Api}."));
        return app;
    }
}
