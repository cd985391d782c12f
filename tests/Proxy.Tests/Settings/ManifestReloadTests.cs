using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Settings;

/// <summary>The manifest file is watched: a valid edit takes effect without a restart, an invalid one is refused and the previous manifest keeps serving.</summary>
public sealed class ManifestReloadTests(StandInPair backends) : IClassFixture<StandInPair>
{
    private readonly string _file = Path.Combine(TestRun.TempFolder("manifest"), "manifest.json");

    [Fact]
    public async Task An_invalid_manifest_edit_is_refused_and_a_valid_one_is_served_without_restart()
    {
        await WriteManifestAsync(Manifest(("catalog", "/api/catalog/{**rest}", "stand-in")));
        await using var facade = await FacadeServer.StartAsync(new FacadeSettings().NewSqliteStore(), jsonFile: _file);
        await Eventually.HealthyAsync(facade, "catalog");
        await facade.SetAsync("catalog", new CapabilityChange(CapabilityMode.Service));
        Assert.Equal("stand-in", await ServedByAsync(facade, "/api/catalog/items"));

        await WriteManifestAsync(Manifest(("catalog", "/api/catalog/{**rest}", "no-such-cluster")));
        var status = await StatusAfterReloadAsync(facade, s => s.LastReloadError is not null);
        Assert.Equal(1, status.Revision);
        Assert.Contains("names 'no-such-cluster'", status.LastReloadError);
        Assert.Equal("stand-in", await ServedByAsync(facade, "/api/catalog/items"));

        await WriteManifestAsync(Manifest(("catalog", "/api/catalog/{**rest}", "stand-in"), ("orders", "/api/orders/{**rest}", "stand-in")));
        status = await StatusAfterReloadAsync(facade, s => s.Revision == 2);
        Assert.Null(status.LastReloadError);
        Assert.Equal(["catalog", "orders"], status.Capabilities);
        await Eventually.HealthyAsync(facade, "orders");
        await facade.SetAsync("orders", new CapabilityChange(CapabilityMode.Service));
        // YARP applies a new route table in the background once told of it: served within moments, not instantly.
        var routed = await Eventually.TrueWithinAsync(Eventually.Generous, async () => await ServedByAsync(facade, "/api/orders/1") == "stand-in");
        Assert.True(routed, $"/api/orders/1 was still served by {await ServedByAsync(facade, "/api/orders/1")} 5 s after the reload.");
        Assert.Equal("stand-in", await ServedByAsync(facade, "/api/catalog/items"));
        Assert.Equal("monolith", await ServedByAsync(facade, "/elsewhere"));
    }

    private static async Task<ManifestStatus> StatusAfterReloadAsync(FacadeServer facade, Func<ManifestStatus, bool> reloaded)
    {
        ManifestStatus? status = null;
        var seen = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            status = await facade.Admin.GetFromJsonAsync<ManifestStatus>(AdminRoutes.Manifest, AdminJson.Options);
            return reloaded(status!);
        }, TimeSpan.FromMilliseconds(100));
        Assert.True(seen, $"The manifest file change was not picked up in time; last status: {System.Text.Json.JsonSerializer.Serialize(status)}");
        return status!;
    }

    private static async Task<string> ServedByAsync(FacadeServer facade, string path)
    {
        using var response = await facade.Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var servedBy = response.Headers.GetValues(StranglerHeaders.ServedBy).Single();
        // A fallback would also say "monolith": name it, so a failure tells a routing fault from a health one.
        return response.Headers.TryGetValues(StranglerHeaders.Fallback, out var fallback) ? $"{servedBy} (fallback: {fallback.Single()})" : servedBy;
    }

    private JsonObject Manifest(params (string Name, string Path, string Service)[] capabilities)
    {
        var clusters = new JsonObject
        {
            ["monolith"] = new JsonObject { ["Destinations"] = new JsonArray(backends.Monolith.BaseAddress.ToString()), ["HealthPath"] = "/health/ready" },
            ["stand-in"] = new JsonObject { ["Destinations"] = new JsonArray(backends.Service.BaseAddress.ToString()), ["HealthPath"] = "/health/ready" },
        };
        var capabilityNodes = new JsonObject();
        foreach (var (name, path, service) in capabilities)
        {
            capabilityNodes[name] = new JsonObject
            {
                ["Routes"] = new JsonArray(new JsonObject { ["Path"] = path }),
                ["Legacy"] = "monolith",
                ["Service"] = service,
            };
        }

        return new JsonObject
        {
            ["Strangler"] = new JsonObject { ["DefaultCluster"] = "monolith", ["Clusters"] = clusters, ["Capabilities"] = capabilityNodes },
        };
    }

    private async Task WriteManifestAsync(JsonObject manifest)
    {
        // Write then move, as editors do, so the watcher never reads a half-written file.
        var temporary = _file + ".tmp";
        await File.WriteAllTextAsync(temporary, manifest.ToJsonString());
        File.Move(temporary, _file, overwrite: true);
    }
}
