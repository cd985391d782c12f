using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Resilience;

[Collection(ShopBehindFacade.Name)]
public sealed class FlipUnderLoadTests(FacadeFixture fixture) : FacadeTests(fixture)
{
    private const int RequestsPerMode = 100;

    [Fact]
    public async Task Flipping_modes_under_concurrent_load_fails_no_request()
    {
        var load = new BoundedLoad();
        var running = load.RunAsync(Facade.Client, "/api/catalog/products?pageSize=2", workers: 8, requestsEach: 150);

        CapabilityMode[] flips = [CapabilityMode.Canary, CapabilityMode.Service, CapabilityMode.Legacy, CapabilityMode.Service, CapabilityMode.Canary, CapabilityMode.Legacy];
        foreach (var mode in flips)
        {
            // Each mode holds for a share of the load, counted in answers rather than milliseconds,
            // so a slow machine flips later instead of flipping before anything was served.
            var served = load.Completed;
            await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(load.Completed >= served + RequestsPerMode || running.IsCompleted));
            await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(mode, Percentage: 50, Reason: "flip under load"));
        }

        await running;
        Assert.Equal(8 * 150, load.Completed);
        Assert.Empty(load.Failures());
        Assert.Contains(load.Results, r => r.ServedBy == FacadeFixture.Monolith);
        Assert.Contains(load.Results, r => r.ServedBy == FacadeFixture.StandInName);
        Assert.All(load.Results, r => Assert.Null(r.Fallback));
    }
}
