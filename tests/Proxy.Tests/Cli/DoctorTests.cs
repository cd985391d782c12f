using Proxy.Tests.Fixtures;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Cli;

/// <summary>
/// <c>strangler doctor</c> against real systems: a health path that answers, one that cannot be
/// reached, a route both sides answer alike, links through the façade, and a service that does or
/// does not prove its dry runs; each check printed with pass or fail and the fix, exit 1 on any fail.
/// </summary>
public sealed class DoctorTests(StandInPair backends) : IClassFixture<StandInPair>
{
    private const string Secret = "a-long-shared-dry-run-secret";

    private string Manifest(string monolithHost, int deadPort, bool withHealth = true) => $$"""
        {
          "Strangler": {
            "DefaultCluster": "monolith",
            "Clusters": {
              "monolith": { "Destinations": [ "{{backends.Monolith.BaseAddress}}" ], {{(withHealth ? "\"HealthPath\": \"/health/ready\"," : "")}} "Host": "{{monolithHost}}" },
              "service": { "Destinations": [ "{{backends.Service.BaseAddress}}" ], "HealthPath": "/health/ready" },
              "spare": { "Destinations": [ "http://127.0.0.1:{{deadPort}}" ], "HealthPath": "/health" }
            },
            "Capabilities": {
              "echo": {
                "Routes": [ { "Path": "/api/echo/{**rest}", "Methods": [ "GET", "POST" ] } ],
                "Legacy": "monolith", "Service": "service",
                "Shadow": { "DryRunWrites": true }
              }
            },
            "Shadow": { "DryRunSecret": "{{Secret}}" }
          }
        }
        """;

    [Fact]
    public async Task Each_check_is_printed_with_pass_or_fail_and_the_fix()
    {
        var deadPort = LoopbackPort.Free();
        var file = TestRun.TempFile("doctor", ".json");
        await File.WriteAllTextAsync(file, Manifest("Client", deadPort));
        backends.Service.HonourDryRunsWith = null;
        await using var facade = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore());

        var (exit, output) = await CliRun.RunAsync("doctor", "--manifest", file, "--facade", facade.BaseAddress.ToString(), "--sample", "/api/echo/links");

        Assert.Equal(1, exit);
        Assert.Contains($"PASS  health   monolith: GET {backends.Monolith.BaseAddress}health/ready answered 200 OK", output, StringComparison.Ordinal);
        Assert.Contains($"FAIL  health   spare: GET http://127.0.0.1:{deadPort}/health failed: Connection refused", output, StringComparison.Ordinal);
        Assert.Contains("fix: set Strangler:Clusters:spare:HealthPath to a path this system answers with 2xx", output, StringComparison.Ordinal);
        Assert.Contains("PASS  route    echo GET /api/echo: both sides answered 200 OK", output, StringComparison.Ordinal);
        Assert.Contains("PASS  links    echo GET /api/echo/links: no link in the answer through the façade names a backend", output, StringComparison.Ordinal);
        Assert.Contains("FAIL  dry-run  echo (service): GET /api/echo with the marker answered 200 without a valid X-Strangler-Dry-Run-Ack", output, StringComparison.Ordinal);
        Assert.EndsWith("2 of 8 checks failed.", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_a_backend_writes_into_its_body_from_its_own_address_fail_and_a_proven_dry_run_passes()
    {
        var file = TestRun.TempFile("doctor", ".json");
        await File.WriteAllTextAsync(file, Manifest("Destination", LoopbackPort.Free(), withHealth: false));
        backends.Service.HonourDryRunsWith = Secret;
        await using var facade = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore().Set($"Strangler:Clusters:{FacadeFixture.Monolith}:Host", "Destination"));

        var (exit, output) = await CliRun.RunAsync("doctor", "--manifest", file, "--facade", facade.BaseAddress.ToString(), "--sample", "/api/echo/links");
        backends.Service.HonourDryRunsWith = null;

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  health   monolith: no HealthPath", output, StringComparison.Ordinal);
        Assert.Contains($"FAIL  links    echo GET /api/echo/links: the answer through the façade names {backends.Monolith.BaseAddress.GetLeftPart(UriPartial.Authority)}", output, StringComparison.Ordinal);
        Assert.Contains("PASS  dry-run  echo (service): GET /api/echo with the marker answered 200 with a valid X-Strangler-Dry-Run-Ack", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"Logging\": {} }", "has no \"Strangler\" section")]
    [InlineData("{ not json", "could not be read as JSON")]
    public async Task A_file_that_is_not_a_manifest_exits_2_saying_why(string content, string expected)
    {
        var file = TestRun.TempFile("doctor", ".json");
        await File.WriteAllTextAsync(file, content);

        var (exit, output) = await CliRun.RunAsync("doctor", "--manifest", file);

        Assert.Equal(2, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }
}
