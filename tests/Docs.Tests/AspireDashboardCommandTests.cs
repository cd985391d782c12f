using System.Net.Http.Json;
using Docs.Tests.Runnable;
using Strangler.Contracts;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Docs.Tests;

/// <summary>
/// The Aspire app host built inside the test process, so its commands run as the dashboard's buttons
/// run them; a class of its own so it runs beside <see cref="AspireHostTests"/>, not after it.
/// </summary>
public sealed class AspireDashboardCommandTests
{
    [Fact]
    public async Task A_dashboard_command_moves_a_capability_and_a_service_stopped_and_started_from_the_dashboard_loses_and_regains_its_traffic()
    {
        var ports = DocumentedPorts.Free();
        // The app host in this process (its dashboard off), so its commands can be run as the dashboard's buttons run them.
        await using var app = Strangler.Aspire.AspireSample.Build(
            new Aspire.Hosting.DistributedApplicationOptions { DisableDashboard = true, AssemblyName = typeof(Strangler.Aspire.AspireSample).Assembly.FullName },
            ports[5000], ports[5100], ports[5200], ports[5300], TestRun.TempFolder("aspire-commands"));
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[5000]}") };
            Assert.True(await Eventually.TrueWithinAsync(AspireHostTests.StartDeadline, async () =>
            {
                try
                {
                    using var ready = await client.GetAsync("/strangler/health/ready");
                    return ready.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromMilliseconds(250)), "The façade did not become ready under the in-process app host.");

            var result = await Strangler.Aspire.AspireSample.RunCommandAsync(app, "facade", "catalog-read-to-service", CancellationToken.None);

            Assert.True(result.Success, result.Message);
            Assert.Equal("catalog-service", await AspireHostTests.ServedByAsync(client));
            var audit = await client.GetFromJsonAsync<List<AuditEntry>>("/strangler/api/audit?capability=catalog-read", AdminJson.Options);
            var entry = Assert.Single(audit!);
            Assert.Equal("Service from the Aspire dashboard", entry.Reason);
            Assert.Equal(CapabilityMode.Service, entry.After.Mode);

            // Stop catalog-service from the dashboard: reads go on, from the monolith. Start it again: they return to it.
            Assert.True((await Strangler.Aspire.AspireSample.RunCommandAsync(app, "catalog-service", "resource-stop", CancellationToken.None)).Success);
            Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => await AspireHostTests.ServedByAsync(client) == "monolith"));
            Assert.True((await Strangler.Aspire.AspireSample.RunCommandAsync(app, "catalog-service", "resource-start", CancellationToken.None)).Success);
            Assert.True(await Eventually.TrueWithinAsync(AspireHostTests.StartDeadline, async () => await AspireHostTests.ServedByAsync(client) == "catalog-service"),
                "Reads did not return to catalog-service after it was started again.");
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
