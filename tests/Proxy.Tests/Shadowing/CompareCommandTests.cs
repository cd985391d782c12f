using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Strangler.Cli;
using Testing.Infrastructure;

namespace Proxy.Tests.Shadowing;

/// <summary><c>strangler compare</c> replays a file of requests against two real systems and gates on their differences.</summary>
[Collection(ShopsSideBySide.Name)]
public sealed class CompareCommandTests(ShadowFixture fixture) : IAsyncLifetime
{
    private readonly string _folder = TestRun.TempFolder("compare");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_systems_that_answer_alike_pass_and_a_report_is_written()
    {
        var requests = await RequestsAsync(
            """{"method":"GET","path":"/api/catalog/products?pageSize=5","capability":"catalog-read"}""",
            """{"path":"/api/catalog/products/by-sku/SKU-00002","capability":"catalog-read","headers":{"X-User-Id":"alice"}}""",
            """{"path":"/api/catalog/products/by-sku/NO-SUCH","capability":"catalog-read"}""",
            """{"path":"/api/catalog/products?sort=-price&category=kitchen","capability":"catalog-read"}""");

        var (exit, output, error) = await CompareAsync("--requests", requests, "--rules", await RulesAsync());

        Assert.True(exit == 0, output + error);
        Assert.Matches(@"TOTAL\s+4\s+4\s+0\s+0", output);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report", "report.json")))!;
        Assert.Equal(4, (int)report["matched"]!);
        Assert.Contains("4 of 4 requests matched", await File.ReadAllTextAsync(Path.Combine(_folder, "report", "report.html")));
    }

    [Fact]
    public async Task A_real_difference_fails_the_run_and_is_reported_at_its_path()
    {
        var product = (await fixture.Candidate.Client.GetFromJsonAsync<JsonNode>("/api/catalog/products/by-sku/SKU-00004"))!;
        var adjust = await fixture.Candidate.Admin.PostAsJsonAsync($"/api/catalog/products/{product["id"]}/stock-adjustments", new { delta = 3, reason = "plant a difference" });
        adjust.EnsureSuccessStatusCode();
        var requests = await RequestsAsync(
            """{"path":"/api/catalog/products/by-sku/SKU-00001","capability":"catalog-read"}""",
            """{"path":"/api/catalog/products/by-sku/SKU-00004","capability":"catalog-read"}""");

        var (exit, output, _) = await CompareAsync("--requests", requests, "--rules", await RulesAsync());

        Assert.Equal(1, exit);
        Assert.Matches(@"TOTAL\s+2\s+1\s+1\s+0", output);
        Assert.Contains("line 2  GET /api/catalog/products/by-sku/SKU-00004  Value /stockOnHand:", output);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report", "report.json")))!;
        var differences = report["results"]![1]!["differences"]!.AsArray();
        Assert.Contains(differences, d => (string?)d!["where"] == "/stockOnHand" && (int)(decimal)JsonNode.Parse((string)d["candidate"]!)! == (int)(decimal)JsonNode.Parse((string)d["legacy"]!)! + 3);
    }

    [Fact]
    public async Task A_noisy_field_fails_the_run_unless_noise_is_learned()
    {
        var requests = await RequestsAsync("""{"path":"/api/orders/00000000-0000-0000-0000-000000000001"}""");

        var strict = await CompareAsync("--requests", requests);
        var learning = await CompareAsync("--requests", requests, "--learn-noise");

        Assert.Equal(1, strict.Exit);
        Assert.Contains("Value /traceId:", strict.Output);
        Assert.True(learning.Exit == 0, learning.Output);
        Assert.Contains("Learned noise: $.traceId", learning.Output);
    }

    [Fact]
    public async Task A_malformed_requests_file_exits_2_naming_each_line_and_sends_nothing()
    {
        var requests = await RequestsAsync(
            """{"path":"/api/catalog/categories"}""",
            "{ not json",
            """{"method":"FETCH","path":"api/no-slash"}""",
            """{"path":"/x","capability":"no-such-capability"}""");
        var sentBefore = fixture.StandIn.Requests;

        var (exit, _, error) = await CompareAsync(fixture.StandIn.BaseAddress.ToString(), "--requests", requests, "--rules", await RulesAsync());

        Assert.Equal(2, exit);
        Assert.Contains("line 2: not JSON", error);
        Assert.Contains("line 3: method 'FETCH'", error);
        Assert.Contains("line 3: path 'api/no-slash'", error);
        Assert.Contains("line 4: capability 'no-such-capability' is not in the rules file", error);
        Assert.Equal(sentBefore, fixture.StandIn.Requests);
    }

    [Fact]
    public async Task An_unreachable_system_is_an_error_and_exits_1()
    {
        var requests = await RequestsAsync("""{"path":"/api/catalog/categories"}""");

        var (exit, output, _) = await CompareAsync("http://127.0.0.1:1/", "--requests", requests);

        Assert.Equal(1, exit);
        Assert.Matches(@"TOTAL\s+1\s+0\s+0\s+1", output);
        Assert.Contains("error:", output);
    }

    [Fact]
    public async Task A_write_a_system_did_not_acknowledge_as_a_dry_run_stops_the_run_with_exit_2_naming_that_system()
    {
        var customerId = Guid.NewGuid();
        var requests = await RequestsAsync(
            new JsonObject
            {
                ["method"] = "POST",
                ["path"] = "/api/orders",
                ["body"] = new JsonObject { ["customerId"] = customerId, ["lines"] = new JsonArray(new JsonObject { ["sku"] = "SKU-00001", ["quantity"] = 1 }) }.ToJsonString(),
                ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
            }.ToJsonString(),
            """{"path":"/api/catalog/products/by-sku/SKU-00001"}""");
        var received = fixture.StandIn.ReceivedTargets.Count;

        // The shop honours dry runs and proves it; the stand-in ignores the marker, as many systems would.
        var (exit, output, error) = await CompareAsync(fixture.StandIn.BaseAddress.ToString(), "--requests", requests, "--dry-run-secret", Testing.Infrastructure.Servers.ServiceServer.DryRunSecret);

        Assert.True(exit == 2, output + error);
        Assert.Contains($"The candidate system ({fixture.StandIn.BaseAddress}) answered line 1, POST /api/orders", error);
        Assert.Contains("may have written for real", error);
        Assert.Single(fixture.StandIn.ReceivedTargets.Skip(received), target => target == "/api/orders");
        var orders = await fixture.Legacy.Client.GetFromJsonAsync<JsonNode>($"/api/customers/{customerId}/orders");
        Assert.Empty(orders!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("--legacy", "nowhere", "--legacy must be an absolute http")]
    [InlineData("--parallel", "0", "--parallel must be from 1 to 32")]
    [InlineData("--requests", "/no/such/file.jsonl", "does not exist")]
    public async Task Bad_options_exit_2(string option, string value, string message)
    {
        var requests = await RequestsAsync("""{"path":"/"}""");
        string[] args = ["compare", "--legacy", fixture.Legacy.BaseAddress.ToString(), "--candidate", fixture.Candidate.BaseAddress.ToString(), "--requests", requests];
        var index = Array.IndexOf(args, option);
        args = index >= 0 ? [.. args[..(index + 1)], value, .. args[(index + 2)..]] : [.. args, option, value];

        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }

    private Task<(int Exit, string Output, string Error)> CompareAsync(params string[] args) =>
        args.Length > 0 && args[0].StartsWith("http", StringComparison.Ordinal)
            ? RunAsync(["compare", "--legacy", fixture.Legacy.BaseAddress.ToString(), "--candidate", args[0], "--report", Path.Combine(_folder, "report"), .. args[1..]])
            : RunAsync(["compare", "--legacy", fixture.Legacy.BaseAddress.ToString(), "--candidate", fixture.Candidate.BaseAddress.ToString(), "--report", Path.Combine(_folder, "report"), .. args]);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StranglerCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<string> RequestsAsync(params string[] lines)
    {
        var file = Path.Combine(_folder, "requests.jsonl");
        await File.WriteAllLinesAsync(file, lines);
        return file;
    }

    // The façade manifest's own shape: the same rules the shadow path would use.
    private async Task<string> RulesAsync()
    {
        var file = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(file, """
            {
              // comments are allowed, as in appsettings.json
              "Strangler": { "Capabilities": { "catalog-read": { "Compare": { "IgnorePaths": [ "$.traceId", "$..updatedAt" ] } } } }
            }
            """);
        return file;
    }
}
