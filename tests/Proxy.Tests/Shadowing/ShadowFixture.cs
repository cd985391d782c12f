using Microsoft.Extensions.DependencyInjection;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Shadowing;

/// <summary>
/// Two real shops on the same seed, one as the monolith and one as a candidate that answers alike,
/// plus a stand-in service that answers differently, behind the real façade.
/// </summary>
public sealed class ShadowFixture : IAsyncLifetime
{
    public const string DryRunSecret = "a-long-shared-dry-run-secret";
    public const int Retention = 5;

    public ShopServer Legacy { get; private set; } = null!;

    public ShopServer Candidate { get; private set; } = null!;

    public StandInService StandIn { get; private set; } = null!;

    /// <summary>A second stand-in that only ever gets copies: the service side of the <c>echo</c> capability, whose primaries go to <see cref="StandIn"/>.</summary>
    public StandInService Mirror { get; private set; } = null!;

    public FacadeServer Facade { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Legacy = await ShopServer.StartOnSqliteAsync();
        Candidate = await ShopServer.StartOnSqliteAsync();
        StandIn = await StandInService.StartAsync("stand-in");
        Mirror = await StandInService.StartAsync("mirror");
        var settings = new FacadeSettings()
            .DefaultCluster("monolith")
            .Cluster("monolith", Legacy.BaseAddress)
            .Cluster("candidate", Candidate.BaseAddress)
            .Cluster("stand-in", StandIn.BaseAddress)
            .Cluster("mirror", Mirror.BaseAddress)
            .Capability("echo", "stand-in", "mirror", ("/api/echo/{**rest}", "GET,POST"))
            .Set("Strangler:Capabilities:echo:Shadow:MaxBodyBytes", "1024")
            .Set("Strangler:Capabilities:echo:Shadow:DryRunWrites", "true")
            .Capability("catalog-read", "monolith", "candidate", ("/api/catalog/products", "GET"), ("/api/catalog/products/{**rest}", "GET"))
            .Set("Strangler:Capabilities:catalog-read:Compare:IgnorePaths:0", "$.traceId")
            // The two shops are seeded apart: seeded orders stamp updatedAt with the time of seeding.
            .Set("Strangler:Capabilities:catalog-read:Compare:IgnorePaths:1", "$..updatedAt")
            .Capability("order-lookup", "monolith", "candidate", ("/api/orders/{id}", "GET"))
            .Capability("customer-orders", "monolith", "candidate", ("/api/customers/{customerId}/orders", "GET"))
            .Set("Strangler:Capabilities:customer-orders:Shadow:LearnNoise", "1")
            .Capability("categories", "monolith", "stand-in", ("/api/catalog/categories", "GET"))
            .Set("Strangler:Capabilities:categories:Shadow:Timeout", "00:00:01")
            .Capability("ordering-writes", "monolith", "stand-in", ("/api/orders", "POST"))
            .Set("Strangler:Capabilities:ordering-writes:Shadow:DryRunWrites", "true")
            .Capability("catalog-write", "monolith", "stand-in", ("/api/catalog/products", "POST"))
            .Set("Strangler:Shadow:DryRunSecret", DryRunSecret)
            .Set("Strangler:Shadow:QueueCapacity", "8")
            .Set("Strangler:Shadow:Workers", "1")
            .Set("Strangler:Shadow:MismatchRetention", Retention.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .NewSqliteStore();
        Facade = await FacadeServer.StartAsync(settings);
    }

    public async Task ResetAsync()
    {
        StandIn.Delay = TimeSpan.Zero;
        StandIn.FailWith = null;
        StandIn.HonourDryRunsWith = null;
        Mirror.HonourDryRunsWith = DryRunSecret;
        var stats = Facade.Services.GetRequiredService<Strangler.Facade.Shadowing.ShadowStats>();
        foreach (var capability in new[] { "ordering-writes", "catalog-write", "echo" })
        {
            stats.ResumeWriteCopies(capability);
        }

        await Facade.ResetAsync();
        await Legacy.ResetAsync();
        await Candidate.ResetAsync();
    }

    public async Task DisposeAsync()
    {
        await Facade.DisposeAsync();
        await StandIn.DisposeAsync();
        await Mirror.DisposeAsync();
        await Candidate.DisposeAsync();
        await Legacy.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ShopsSideBySide : ICollectionFixture<ShadowFixture>
{
    public const string Name = "Two shops side by side behind the façade";
}
