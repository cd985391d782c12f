using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Fixtures;

/// <summary>
/// The real monolith (SQLite) and a real stand-in service, with the real façade in front on a SQLite
/// flag store. Capabilities: <c>catalog-read</c> (GET products and categories) and <c>ordering</c>
/// (orders), both with the stand-in as their service side.
/// </summary>
public sealed class FacadeFixture : IAsyncLifetime
{
    public const string CatalogRead = "catalog-read";
    public const string Ordering = "ordering";
    public const string Monolith = "monolith";
    public const string StandInName = "stand-in";

    public ShopServer Shop { get; private set; } = null!;

    public StandInService StandIn { get; private set; } = null!;

    public FacadeServer Facade { get; private set; } = null!;

    public FacadeSettings Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Shop = await ShopServer.StartOnSqliteAsync();
        StandIn = await StandInService.StartAsync(StandInName);
        Settings = Manifest(Shop.BaseAddress, StandIn.BaseAddress).NewSqliteStore();
        Facade = await FacadeServer.StartAsync(Settings);
    }

    /// <summary>The test manifest: the monolith as default cluster, the stand-in as the service of both capabilities.</summary>
    public static FacadeSettings Manifest(Uri monolith, Uri service) => new FacadeSettings()
        .DefaultCluster(Monolith)
        .Cluster(Monolith, monolith)
        .Cluster(StandInName, service, requestTimeout: TimeSpan.FromSeconds(2))
        .Capability(CatalogRead, Monolith, StandInName,
            ("/api/catalog/products", "GET"), ("/api/catalog/products/{**rest}", "GET"), ("/api/catalog/categories", "GET"))
        .Capability(Ordering, Monolith, StandInName,
            ("/api/orders", ""), ("/api/orders/{**rest}", ""), ("/api/customers/{customerId}/orders", "GET"));

    /// <summary>Before each test: an empty flag store, and a stand-in that is up, fast and healthy.</summary>
    public async Task ResetAsync()
    {
        StandIn.Delay = TimeSpan.Zero;
        StandIn.FailWith = null;
        await Facade.ResetAsync();
        await Eventually.HealthyAsync(Facade, CatalogRead);
    }

    public async Task DisposeAsync()
    {
        await Facade.DisposeAsync();
        await StandIn.DisposeAsync();
        await Shop.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ShopBehindFacade : ICollectionFixture<FacadeFixture>
{
    public const string Name = "Shop behind the façade";
}
