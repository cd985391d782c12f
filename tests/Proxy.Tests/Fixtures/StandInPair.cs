using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Fixtures;

/// <summary>
/// Two real stand-in backends named like the shared fixture's sides, for tests that start façades of
/// their own (replicas, reloads, logging) and need nothing of the shop.
/// </summary>
public sealed class StandInPair : IAsyncLifetime
{
    public StandInService Monolith { get; private set; } = null!;

    public StandInService Service { get; private set; } = null!;

    /// <summary>The shared fixture's manifest, pointing at these two.</summary>
    public FacadeSettings Manifest() => FacadeFixture.Manifest(Monolith.BaseAddress, Service.BaseAddress);

    public async Task InitializeAsync()
    {
        Monolith = await StandInService.StartAsync(FacadeFixture.Monolith);
        Service = await StandInService.StartAsync(FacadeFixture.StandInName);
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Monolith.DisposeAsync();
    }
}
