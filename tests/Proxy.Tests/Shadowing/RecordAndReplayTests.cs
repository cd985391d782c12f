using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Strangler.Cli;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Shadowing;

/// <summary>The façade records sampled live requests, secrets redacted; <c>strangler compare</c> replays them against two systems.</summary>
[Collection(ShopsSideBySide.Name)]
public sealed class RecordAndReplayTests(ShadowFixture fixture) : IAsyncLifetime
{
    private readonly string _folder = TestRun.TempFolder("recording");

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Recorded_traffic_is_redacted_and_replays_cleanly_against_two_systems()
    {
        var settings = new FacadeSettings()
            .DefaultCluster("monolith")
            .Cluster("monolith", fixture.Legacy.BaseAddress)
            .Cluster("candidate", fixture.Candidate.BaseAddress)
            .Capability("catalog-read", "monolith", "candidate", ("/api/catalog/products", "GET"), ("/api/catalog/products/{**rest}", "GET"))
            .Set("Strangler:Capabilities:catalog-read:Record", "1")
            .Capability("ordering", "monolith", "candidate", ("/api/orders", "POST"))
            .Set("Strangler:Capabilities:ordering:Record", "1")
            .Set("Strangler:Recording:Directory", _folder)
            .Set("Strangler:Recording:RedactJsonFields:0", "customerId")
            .NewSqliteStore();
        await using (var facade = await FacadeServer.StartAsync(settings))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products?pageSize=3");
            // A real token: the shop behind checks bearer tokens on its public endpoints as the façade would.
            request.Headers.Add("Authorization", "Bearer " + Testing.Infrastructure.Identity.TestTokens.For("recorded-user"));
            request.Headers.Add("Cookie", "session=also-secret");
            request.Headers.Add("X-Strangler-Fallback", "forged");
            (await facade.Client.SendAsync(request)).EnsureSuccessStatusCode();
            (await facade.Client.GetAsync("/api/catalog/products/by-sku/SKU-00005")).EnsureSuccessStatusCode();
            (await facade.Client.GetAsync("/api/catalog/categories")).EnsureSuccessStatusCode();
            await facade.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = "SKU-00001", quantity = 1 } } });

            var recorded = await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(
                LineCount("catalog-read") == 2 && LineCount("ordering") == 1));
            Assert.True(recorded, $"Recorded {LineCount("catalog-read")} catalog-read and {LineCount("ordering")} ordering lines.");
        }

        var reads = (await File.ReadAllLinesAsync(Path.Combine(_folder, "catalog-read.jsonl"))).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("/api/catalog/products?pageSize=3", (string?)reads[0]["path"]);
        Assert.Equal("[redacted]", (string?)reads[0]["headers"]!["Authorization"]);
        Assert.Equal("[redacted]", (string?)reads[0]["headers"]!["Cookie"]);
        Assert.Null(reads[0]["headers"]!["X-Strangler-Fallback"]);
        Assert.Equal("catalog-read", (string?)reads[1]["capability"]);
        var order = JsonNode.Parse(File.ReadAllLines(Path.Combine(_folder, "ordering.jsonl")).Single())!;
        var body = JsonNode.Parse((string)order["body"]!)!;
        Assert.Equal("[redacted]", (string?)body["customerId"]);
        Assert.Equal("SKU-00001", (string?)body["lines"]![0]!["sku"]);

        var rules = Path.Combine(_folder, "rules.json");
        await File.WriteAllTextAsync(rules, """{ "IgnorePaths": [ "$..updatedAt" ] }""");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StranglerCli.RunAsync(
            ["compare", "--legacy", fixture.Legacy.BaseAddress.ToString(), "--candidate", fixture.Candidate.BaseAddress.ToString(),
             "--requests", Path.Combine(_folder, "catalog-read.jsonl"), "--rules", rules, "--report", Path.Combine(_folder, "report")],
            output, error);
        Assert.True(exit == 0, output.ToString() + error);
        Assert.Matches(@"TOTAL\s+2\s+2\s+0\s+0", output.ToString());
    }

    [Fact]
    public async Task What_no_capability_claims_is_recorded_too_and_a_replay_never_is()
    {
        var settings = new FacadeSettings()
            .DefaultCluster("monolith")
            .Cluster("monolith", fixture.Legacy.BaseAddress)
            .Cluster("candidate", fixture.Candidate.BaseAddress)
            .Capability("catalog-read", "monolith", "candidate", ("/api/catalog/products/{**rest}", "GET"))
            .Set("Strangler:Capabilities:catalog-read:Record", "1")
            .Set("Strangler:Recording:DefaultRoute", "1")
            .Set("Strangler:Recording:Directory", _folder)
            .NewSqliteStore();
        await using var facade = await FacadeServer.StartAsync(settings);

        (await facade.Client.GetAsync("/api/catalog/categories")).EnsureSuccessStatusCode();
        using (var replayed = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories?replayed=1"))
        {
            replayed.Headers.Add(Strangler.Contracts.StranglerHeaders.Replay, "by hand");
            (await facade.Client.SendAsync(replayed)).EnsureSuccessStatusCode();
        }

        (await facade.Client.GetAsync("/api/catalog/products/by-sku/SKU-00002")).EnsureSuccessStatusCode();
        (await facade.Client.GetAsync("/api/catalog/categories?after=1")).EnsureSuccessStatusCode();
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(LineCount("_default-route") == 2 && LineCount("catalog-read") == 1)),
            $"Recorded {LineCount("_default-route")} default-route and {LineCount("catalog-read")} catalog-read lines.");
        var lines = File.ReadAllLines(Path.Combine(_folder, "_default-route.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["/api/catalog/categories", "/api/catalog/categories?after=1"], lines.Select(l => (string?)l["path"]));
        Assert.All(lines, line => Assert.Null(line["capability"]));

        // Replaying both files through this same façade, as strangler compare does, records nothing more.
        foreach (var file in new[] { "_default-route", "catalog-read" })
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await StranglerCli.RunAsync(
                ["compare", "--legacy", facade.BaseAddress.ToString(), "--candidate", facade.BaseAddress.ToString(), "--requests", Path.Combine(_folder, file + ".jsonl")],
                output, error);
            Assert.True(exit == 0, output.ToString() + error);
        }

        (await facade.Client.GetAsync("/api/catalog/categories?last=1")).EnsureSuccessStatusCode();
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(LineCount("_default-route") == 3)));
        Assert.Equal(1, LineCount("catalog-read"));
        Assert.Equal("/api/catalog/categories?last=1", (string?)JsonNode.Parse(File.ReadAllLines(Path.Combine(_folder, "_default-route.jsonl"))[2])!["path"]);
    }

    [Fact]
    public async Task A_body_over_the_recording_limit_is_recorded_as_omitted_not_as_empty()
    {
        var settings = new FacadeSettings()
            .DefaultCluster("monolith")
            .Cluster("monolith", fixture.Legacy.BaseAddress)
            .Set("Strangler:Recording:DefaultRoute", "1")
            .Set("Strangler:Recording:MaxBodyBytes", "32")
            .Set("Strangler:Recording:Directory", _folder)
            .NewSqliteStore();
        await using var facade = await FacadeServer.StartAsync(settings);

        using var small = await facade.Client.PostAsync("/api/echo/small", new StringContent("{\"a\":1}", System.Text.Encoding.UTF8, "application/json"));
        using var large = await facade.Client.PostAsync("/api/echo/large", new StringContent("{\"a\":\"" + new string('x', 100) + "\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(LineCount("_default-route") == 2)));
        var lines = File.ReadAllLines(Path.Combine(_folder, "_default-route.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("{\"a\":1}", (string?)lines[0]["body"]);
        Assert.Null(lines[1]["body"]);
        Assert.Equal("larger than 32 bytes", (string?)lines[1]["bodyOmitted"]);
    }

    private int LineCount(string capability)
    {
        var file = Path.Combine(_folder, capability + ".jsonl");
        return File.Exists(file) ? File.ReadAllLines(file).Length : 0;
    }
}
