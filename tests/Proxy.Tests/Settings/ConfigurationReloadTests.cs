using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Settings;

/// <summary>
/// A configuration file changed at run time is let in whole and valid, or not at all: a broken file
/// keeps the whole previous configuration (admin keys included), is logged and shown, and a later
/// valid file is taken again.
/// </summary>
public sealed class ConfigurationReloadTests(StandInPair backends) : IClassFixture<StandInPair>
{
    private const string OperatorName = "file-operator";
    private readonly string _file = Path.Combine(TestRun.TempFolder("configuration"), "appsettings.json");

    public static TheoryData<string, string, string> BrokenFiles => new()
    {
        { "invalid JSON", """{ "Strangler": { "DefaultCluster": """, "not valid JSON configuration" },
        { "an empty file", "", "the file is empty" },
        { "a duplicate key", """{ "Strangler": { "DefaultCluster": "monolith" }, "Strangler": { "DefaultCluster": "monolith" } }""", "duplicate key" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_file_keeps_the_whole_previous_configuration_and_says_why(string what, string content, string reason)
    {
        _ = what;
        await using var facade = await StartAsync("Production");

        await WriteAsync(content);

        var status = await RejectedAsync(facade);
        Assert.Contains(reason, status.LastReloadError, StringComparison.OrdinalIgnoreCase);
        await AssertStillServingAsync(facade, status);
    }

    [Theory]
    [InlineData("DryRunWrites without a secret", "DryRunWrites is true, but Strangler:Shadow:DryRunSecret is not set")]
    [InlineData("a short admin key", "an admin key needs at least 32")]
    [InlineData("a misspelt key", "Servce is not a known setting")]
    public async Task A_change_start_up_would_refuse_is_refused_on_reload_too(string what, string reason)
    {
        await using var facade = await StartAsync("Production");
        var file = Valid();
        switch (what)
        {
            case "DryRunWrites without a secret":
                file["Strangler"]!["Capabilities"]!["catalog"]!["Shadow"] = new JsonObject { ["DryRunWrites"] = true };
                break;
            case "a short admin key":
                file["Strangler"]!["Admin"]!["Keys"]![OperatorName] = "short";
                break;
            default:
                file["Strangler"]!["Capabilities"]!["catalog"]!["Servce"] = "stand-in";
                break;
        }

        await WriteAsync(file.ToJsonString());

        var status = await RejectedAsync(facade);
        Assert.Contains(reason, status.LastReloadError, StringComparison.Ordinal);
        await AssertStillServingAsync(facade, status);
    }

    [Fact]
    public async Task In_Development_a_broken_file_does_not_reopen_the_admin_api_without_a_key()
    {
        await using var facade = await StartAsync("Development");
        using var anonymous = new HttpClient { BaseAddress = facade.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(AdminRoutes.Capabilities)).StatusCode);

        await WriteAsync("{");
        await RejectedAsync(facade);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(AdminRoutes.Capabilities)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await facade.Admin.GetAsync(AdminRoutes.Capabilities)).StatusCode);
    }

    [Fact]
    public async Task A_valid_file_after_a_rejected_one_is_taken_and_the_rejection_clears()
    {
        await using var facade = await StartAsync("Production");
        await WriteAsync("");
        await RejectedAsync(facade);

        var file = Valid();
        file["Strangler"]!["Capabilities"]!["orders"] = new JsonObject
        {
            ["Routes"] = new JsonArray(new JsonObject { ["Path"] = "/api/orders/{**rest}" }), ["Legacy"] = "monolith", ["Service"] = "stand-in",
        };
        await WriteAsync(file.ToJsonString());

        ManifestStatus status = null!;
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            status = (await facade.Admin.GetFromJsonAsync<ManifestStatus>(AdminRoutes.Manifest, AdminJson.Options))!;
            return status.Revision == 2;
        }, TimeSpan.FromMilliseconds(100)), $"The valid file was not taken: {System.Text.Json.JsonSerializer.Serialize(status)}");
        Assert.Null(status.LastReloadError);
        Assert.Equal(["catalog", "orders"], status.Capabilities);
        Assert.Equal("Healthy", await (await facade.Client.GetAsync(AdminRoutes.Health + "/ready")).Content.ReadAsStringAsync());
    }

    private async Task<FacadeServer> StartAsync(string environment)
    {
        await WriteAsync(Valid().ToJsonString());
        var settings = new FacadeSettings().NewSqliteStore().Without("Strangler:Admin:Keys:" + FacadeServer.AdminKeyName);
        var facade = await FacadeServer.StartAsync(settings, environment, jsonFile: _file);
        await Eventually.HealthyAsync(facade, "catalog");
        return facade;
    }

    // Everything the façade needs, the admin key included, lives in the watched file.
    private JsonObject Valid() => new()
    {
        ["Strangler"] = new JsonObject
        {
            ["DefaultCluster"] = "monolith",
            ["Clusters"] = new JsonObject
            {
                ["monolith"] = new JsonObject { ["Destinations"] = new JsonArray(backends.Monolith.BaseAddress.ToString()), ["HealthPath"] = "/health/ready" },
                ["stand-in"] = new JsonObject { ["Destinations"] = new JsonArray(backends.Service.BaseAddress.ToString()), ["HealthPath"] = "/health/ready" },
            },
            ["Capabilities"] = new JsonObject
            {
                ["catalog"] = new JsonObject { ["Routes"] = new JsonArray(new JsonObject { ["Path"] = "/api/catalog/{**rest}" }), ["Legacy"] = "monolith", ["Service"] = "stand-in" },
            },
            ["Admin"] = new JsonObject { ["Keys"] = new JsonObject { [OperatorName] = FacadeServer.AdminKey } },
        },
    };

    private static async Task<ManifestStatus> RejectedAsync(FacadeServer facade)
    {
        ManifestStatus? status = null;
        var seen = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            status = await facade.Admin.GetFromJsonAsync<ManifestStatus>(AdminRoutes.Manifest, AdminJson.Options);
            return status!.LastReloadError is not null;
        }, TimeSpan.FromMilliseconds(100));
        Assert.True(seen, $"The change was not rejected in time; last status: {System.Text.Json.JsonSerializer.Serialize(status)}");
        return status!;
    }

    private static async Task AssertStillServingAsync(FacadeServer facade, ManifestStatus status)
    {
        Assert.Equal(1, status.Revision);
        Assert.Equal(["catalog"], status.Capabilities);
        // The admin key from the file still opens the admin API, and the routes still serve.
        Assert.Equal(HttpStatusCode.OK, (await facade.Admin.GetAsync(AdminRoutes.Capability("catalog"))).StatusCode);
        using var routed = await facade.Client.GetAsync("/api/catalog/items");
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.Equal("monolith", routed.Headers.GetValues(StranglerHeaders.ServedBy).Single());

        using var ready = await facade.Client.GetAsync(AdminRoutes.Health + "/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var detail = await ready.Content.ReadAsStringAsync();
        Assert.StartsWith("Degraded", detail, StringComparison.Ordinal);
        Assert.Contains("configuration rejected at ", detail, StringComparison.Ordinal);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Strangler.Cli.StranglerCli.RunAsync(["manifest", "--url", facade.BaseAddress.ToString(), "--key", FacadeServer.AdminKey], output, error);
        Assert.True(exit == 0, error.ToString());
        Assert.Contains("configuration rejected at ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(status.LastReloadError!, output.ToString(), StringComparison.Ordinal);
    }

    private async Task WriteAsync(string content)
    {
        // Write then move, as editors do, so the watcher never reads a half-written file.
        var temporary = _file + ".tmp";
        await File.WriteAllTextAsync(temporary, content);
        File.Move(temporary, _file, overwrite: true);
    }
}
