using System.Net.Http.Json;
using Proxy.Tests.Fixtures;
using Strangler.Cli;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Admin;

/// <summary>A side that is not healthy says why: the last probe's outcome and time per destination, in the admin API and the CLI.</summary>
public sealed class HealthReasonTests(StandInPair backends) : IClassFixture<StandInPair>
{
    [Fact]
    public async Task A_service_whose_probes_are_refused_shows_unhealthy_with_the_probe_that_said_so()
    {
        var nowhere = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        await using var facade = await FacadeServer.StartAsync(FacadeFixture.Manifest(backends.Monolith.BaseAddress, nowhere).NewSqliteStore());

        CapabilityView? view = null;
        var said = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            view = await facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability(FacadeFixture.CatalogRead), AdminJson.Options);
            return view!.ServiceHealth == ClusterHealth.Unhealthy && view.LegacyHealth == ClusterHealth.Healthy;
        }, TimeSpan.FromMilliseconds(100));
        Assert.True(said, $"Never unhealthy with a reason: {view}");

        var service = Assert.Single(view!.Destinations!, d => d.Cluster == FacadeFixture.StandInName);
        Assert.Equal("failed: connection refused", service.LastProbe);
        Assert.NotNull(service.ProbedAt);
        Assert.Equal("Unhealthy", service.Active);
        var monolith = Assert.Single(view.Destinations!, d => d.Cluster == FacadeFixture.Monolith);
        Assert.Equal("answered 200 OK", monolith.LastProbe);

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await StranglerCli.RunAsync(["list", "--url", facade.BaseAddress.ToString(), "--key", FacadeServer.AdminKey], output, error));
        Assert.Contains($"{FacadeFixture.StandInName} (Unhealthy: probe failed: connection refused)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{FacadeFixture.Monolith} (Healthy)", output.ToString(), StringComparison.Ordinal);
    }
}
