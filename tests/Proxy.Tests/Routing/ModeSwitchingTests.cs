using Proxy.Tests.Fixtures;
using Strangler.Contracts;

namespace Proxy.Tests.Routing;

/// <summary>Moving a capability Legacy → Canary → Service → Legacy at run time, seen through X-Served-By.</summary>
[Collection(ShopBehindFacade.Name)]
public sealed class ModeSwitchingTests(FacadeFixture fixture) : FacadeTests(fixture)
{
    private const string ProductsPath = "/api/catalog/products?pageSize=1";
    private const int DistinctUsers = 200;

    [Fact]
    public async Task Legacy_then_canary_50_then_service_then_legacy_moves_traffic_without_a_restart()
    {
        Assert.All(await SidesOfUsersAsync(DistinctUsers), side => Assert.Equal(FacadeFixture.Monolith, side));

        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, Percentage: 50));
        var canary = await SidesOfUsersAsync(DistinctUsers);
        var onService = canary.Count(side => side == FacadeFixture.StandInName);
        Assert.InRange(onService, DistinctUsers * 35 / 100, DistinctUsers * 65 / 100);
        Assert.Equal(DistinctUsers, canary.Count(side => side is FacadeFixture.Monolith or FacadeFixture.StandInName));

        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
        Assert.All(await SidesOfUsersAsync(DistinctUsers), side => Assert.Equal(FacadeFixture.StandInName, side));

        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Legacy));
        Assert.All(await SidesOfUsersAsync(DistinctUsers), side => Assert.Equal(FacadeFixture.Monolith, side));
    }

    [Fact]
    public async Task Canary_50_sends_each_user_always_to_the_same_side()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, Percentage: 50));
        var first = await SidesOfUsersAsync(60);
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(first, await SidesOfUsersAsync(60));
        }
    }

    [Fact]
    public async Task Raising_the_canary_percentage_only_adds_users_to_the_service()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, Percentage: 20));
        var at20 = await SidesOfUsersAsync(100);
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(Percentage: 60));
        var at60 = await SidesOfUsersAsync(100);

        Assert.True(at60.Count(s => s == FacadeFixture.StandInName) > at20.Count(s => s == FacadeFixture.StandInName));
        for (var user = 0; user < at20.Count; user++)
        {
            if (at20[user] == FacadeFixture.StandInName)
            {
                Assert.Equal(FacadeFixture.StandInName, at60[user]);
            }
        }
    }

    [Fact]
    public async Task Canary_targets_named_users_groups_and_tenants_even_at_zero_percent()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead,
            new CapabilityChange(CapabilityMode.Canary, Percentage: 0, Users: ["alice"], Groups: ["beta-testers", "tenant-7"]));

        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync(ProductsPath, user: "alice"));
        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync(ProductsPath, user: "bob", groups: "staff, beta-testers"));
        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync(ProductsPath, user: "carol", tenant: "tenant-7"));
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync(ProductsPath, user: "bob", groups: "staff"));
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync(ProductsPath));
    }

    [Fact]
    public async Task Shadow_mode_is_answered_by_the_monolith()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Shadow, Percentage: 100, Users: ["alice"]));
        Assert.All(await SidesOfUsersAsync(50), side => Assert.Equal(FacadeFixture.Monolith, side));
    }

    [Fact]
    public async Task Each_capability_switches_on_its_own_and_unclaimed_traffic_stays_on_the_monolith()
    {
        await Facade.SetAsync(FacadeFixture.Ordering, new CapabilityChange(CapabilityMode.Service));

        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync($"/api/customers/{Guid.NewGuid()}/orders"));
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync(ProductsPath));
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync("/health/ready"));
        // POST /api/catalog/products is claimed by no capability (catalog-read takes GET only).
        using var write = await Facade.Client.PostAsync("/api/catalog/products", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(FacadeFixture.Monolith, ServedBy(write));
    }

    [Fact]
    public async Task Anonymous_callers_in_a_canary_stay_on_one_side()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, Percentage: 50));
        var sides = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            sides.Add(await ServedByAsync(ProductsPath));
        }

        Assert.Single(sides.Distinct());
    }

    private async Task<List<string>> SidesOfUsersAsync(int users)
    {
        var sides = new List<string>(users);
        for (var user = 0; user < users; user++)
        {
            sides.Add(await ServedByAsync(ProductsPath, user: $"user-{user}"));
        }

        return sides;
    }
}
