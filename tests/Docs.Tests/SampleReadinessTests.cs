using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Docs.Tests.Runnable;
using Strangler.AppHost.Readiness;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Docs.Tests;

/// <summary>
/// "Ready means ready": the run command prints its banner only once every part answers its readiness
/// check, the façade sees every cluster Healthy and every sync feed has completed a pull; a part that
/// never gets there is named, with what it last said.
/// </summary>
public sealed class SampleReadinessTests
{
    private const string DevAdminKey = "dev-admin-key-for-local-use-only";

    [Fact]
    public async Task The_banner_comes_only_once_every_cluster_is_healthy_and_every_feed_has_pulled()
    {
        await using var sample = await SampleRun.StartAsync();
        var log = sample.Log;

        using var http = new HttpClient();
        var capabilities = await http.GetFromJsonAsync<JsonElement>(sample.FacadeUrl + AdminRoutes.Capabilities);
        var health = capabilities.EnumerateArray()
            .SelectMany(c => new[] { c.GetProperty("legacyHealth").GetString(), c.GetProperty("serviceHealth").GetString() });
        Assert.All(health, h => Assert.Equal(nameof(ClusterHealth.Healthy), h));
        foreach (var part in new[] { sample.MonolithUrl, sample.CatalogServiceUrl, sample.OrderingServiceUrl })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, part + "/api/sync/status");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevAdminKey);
            using var response = await http.SendAsync(request);
            var feeds = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.All(feeds.EnumerateArray(), feed =>
            {
                Assert.NotEqual(JsonValueKind.Null, feed.GetProperty("lastPolledAt").ValueKind);
                Assert.Equal(JsonValueKind.Null, feed.GetProperty("lastError").ValueKind);
            });
        }

        var banner = log.IndexOf(SampleRun.Banner, StringComparison.Ordinal);
        foreach (var part in new[] { "monolith", "catalog-service", "ordering-service", "façade" })
        {
            var ready = log.LastIndexOf($"  {part,-17} ready", StringComparison.Ordinal);
            Assert.True(ready >= 0 && ready < banner, $"No '{part} ready' line before the banner:\n{log}");
        }
    }

    [Fact]
    public async Task A_port_in_use_stops_the_sample_at_once_with_one_line_naming_the_port_and_the_option_that_moves_it()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var busy = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var ports = DocumentedPorts.Free();
        ports[5200] = busy; // held by the listener above, so no other part was given it

        await using var host = SampleRun.StartAppHost(ports, Testing.Infrastructure.TestRun.TempFolder("docs-busy-port"));
        var exit = await host.WaitAsync(Eventually.Generous);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"Port {busy} (catalog-service) is already in use by another program. Stop that program, or move catalog-service: dotnet run --project proxy/Strangler.AppHost -- --catalog-port <free port>",
            host.Output.Trim());
    }

    [Fact]
    public async Task A_shop_host_whose_feed_cannot_be_reached_is_named_with_the_error_when_the_wait_gives_up()
    {
        var deadPort = LoopbackPort.Free();
        await using var monolith = await ShopServer.StartOnSqliteAsync(new Dictionary<string, string?>
        {
            ["Sync:Feeds:ordering-service:Url"] = $"http://127.0.0.1:{deadPort}",
            ["Sync:Feeds:ordering-service:ApiKey"] = "unused",
        });
        var part = new SamplePart("monolith", monolith.BaseAddress, ShopServer.AdminKey, ReadinessProbes.ShopHostAsync);
        using var output = new StringWriter();

        // The condition can never hold, so the limit only bounds how long the test takes.
        var missing = await new ReadinessWait(output).UntilReadyAsync([part], TimeSpan.FromSeconds(1), CancellationToken.None);

        var (name, reason) = Assert.Single(missing);
        Assert.Equal("monolith", name);
        Assert.Contains($"sync feed ordering-service from http://127.0.0.1:{deadPort}/ has not completed a pull", reason, StringComparison.Ordinal);
        Assert.Contains("Connection refused", reason, StringComparison.Ordinal);
        Assert.Contains("  monolith          waiting: sync feed ordering-service", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facade_whose_service_is_down_is_not_ready_and_names_the_cluster()
    {
        await using var monolith = await ShopServer.StartOnSqliteAsync();
        var settings = new FacadeSettings()
            .DefaultCluster("monolith")
            .Cluster("monolith", monolith.BaseAddress)
            .Cluster("gone-service", new Uri($"http://127.0.0.1:{LoopbackPort.Free()}"))
            .Capability("catalog-read", "monolith", "gone-service", ("/api/catalog/products", "GET"))
            .NewSqliteStore();
        await using var facade = await FacadeServer.StartAsync(settings);
        var part = new SamplePart("façade", facade.BaseAddress, FacadeServer.AdminKey, ReadinessProbes.FacadeAsync);
        var shop = new SamplePart("monolith", monolith.BaseAddress, ShopServer.AdminKey, ReadinessProbes.ShopHostAsync);
        using var output = new StringWriter();

        var missing = await new ReadinessWait(output).UntilReadyAsync([shop, part], TimeSpan.FromSeconds(1), CancellationToken.None);

        var (name, reason) = Assert.Single(missing);
        Assert.Equal("façade", name);
        Assert.Matches(@"^its health checks see gone-service (Unknown|Unhealthy)$", reason);
        Assert.Contains("  monolith          ready", output.ToString(), StringComparison.Ordinal);
    }
}
