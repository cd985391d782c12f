using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Strangler.ServiceDefaults.Security;

namespace Shop.BuildingBlocks.Http;

/// <summary>
/// The shop's admin endpoints take one bearer key, <c>Admin:ApiKey</c>, through the kit's admin-key
/// handler. Enough for a sample; a team would put its own identity provider here.
/// </summary>
public static class ShopAdmin
{
    public const string Scheme = "ShopAdmin";

    public static readonly AdminKeySource Key = AdminKeySource.Single("Admin:ApiKey", "admin");

    public static IServiceCollection AddShopAdmin(this IServiceCollection services) =>
        AdminKeyAuthentication.Add(services, Scheme, options => options.Source = Key);

    /// <summary>Marks an endpoint group as admin-only.</summary>
    public static TBuilder RequireShopAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Scheme);
}
