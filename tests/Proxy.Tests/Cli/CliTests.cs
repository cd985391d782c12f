using System.Net.Http.Json;
using Proxy.Tests.Fixtures;
using Strangler.Cli;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Cli;

/// <summary>The <c>strangler</c> CLI against the real façade: what an operator types and what they see.</summary>
[Collection(ShopBehindFacade.Name)]
public sealed class CliTests(FacadeFixture fixture) : FacadeTests(fixture)
{
    [Fact]
    public async Task Set_switches_a_capability_and_list_and_audit_show_it()
    {
        var set = await RunAsync("set", "catalog-read", "--mode", "canary", "--percentage", "25", "--users", "alice,bob", "--reason", "first canary");
        Assert.Equal(0, set.ExitCode);
        Assert.Contains("catalog-read is now Canary 25% users=alice,bob groups=-", set.Output);

        var view = await Facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability("catalog-read"), AdminJson.Options);
        Assert.Equal(new CapabilityState(CapabilityMode.Canary, 25, ["alice", "bob"], []), view!.State);
        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync("/api/catalog/categories", user: "alice"));

        var list = await RunAsync("list");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"catalog-read\s+Canary\s+25%\s+alice,bob\s+-\s+1\s+monolith \(\w+\)\s+stand-in \(Healthy\)", list.Output);
        Assert.Matches(@"ordering\s+Legacy", list.Output);

        var audit = await RunAsync("audit", "--capability", "catalog-read");
        Assert.Equal(0, audit.ExitCode);
        Assert.Contains(FacadeServer.AdminKeyName, audit.Output);
        Assert.Contains("(initial)", audit.Output);
        Assert.Contains("first canary", audit.Output);
    }

    [Fact]
    public async Task List_waits_for_every_side_to_be_healthy_and_says_so_when_one_is_not()
    {
        await StandIn.StopAsync();
        try
        {
            Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
                (await Facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability("catalog-read"), AdminJson.Options))!.ServiceHealth == ClusterHealth.Unhealthy));

            var down = await RunAsync("list", "--wait-healthy", "1");

            Assert.Equal(1, down.ExitCode);
            Assert.Contains("stand-in (Unhealthy", down.Output, StringComparison.Ordinal);
            Assert.Contains("Not every side was Healthy within 1 s", down.Error, StringComparison.Ordinal);
        }
        finally
        {
            await StandIn.RestartAsync();
        }

        // Back: the wait ends at the probe that sees it, well within the generous deadline.
        var up = await RunAsync("list", "--wait-healthy", "120");

        Assert.Equal(0, up.ExitCode);
        Assert.Matches(@"catalog-read\s+\w+.*monolith \(Healthy\)\s+stand-in \(Healthy\)", up.Output);
    }

    [Fact]
    public async Task Options_not_given_keep_their_values()
    {
        await RunAsync("set", "ordering", "--mode", "canary", "-p", "30", "--users", "alice", "--groups", "beta", "--reason", "targets");
        var modeOnly = await RunAsync("set", "ordering", "--mode", "service", "--reason", "cut over");

        Assert.Equal(0, modeOnly.ExitCode);
        var view = await Facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability("ordering"), AdminJson.Options);
        Assert.Equal(new CapabilityState(CapabilityMode.Service, 30, ["alice"], ["beta"]), view!.State);
    }

    [Fact]
    public async Task An_empty_list_clears_canary_targets()
    {
        var first = await RunAsync("set", "ordering", "--mode", "canary", "--users", "alice", "--groups", "beta", "--reason", "targets");
        Assert.True(first.Output.Contains("users=alice groups=beta", StringComparison.Ordinal), first.Output);
        var cleared = await RunAsync("set", "ordering", "--users", "", "--reason", "clear users");

        Assert.Equal(0, cleared.ExitCode);
        Assert.True(cleared.Output.Contains("ordering is now Canary 0% users=- groups=beta", StringComparison.Ordinal), cleared.Output);
    }

    [Fact]
    public async Task Json_output_is_the_admin_api_answer()
    {
        var show = await RunAsync("show", "ordering", "--json");
        Assert.Equal(0, show.ExitCode);
        var view = System.Text.Json.JsonSerializer.Deserialize<CapabilityView>(show.Output, AdminJson.Options);
        Assert.Equal("ordering", view!.Name);
    }

    [Theory]
    [InlineData("set catalog-read --mode canary", "--reason")]
    [InlineData("set catalog-read --reason why", "Nothing to change")]
    [InlineData("set catalog-read --percentage 150 --reason why", "--percentage must be from 0 to 100")]
    [InlineData("set catalog-read --mode sideways --reason why", "sideways")]
    [InlineData("audit --limit 0", "--limit must be from 1 to 1000")]
    [InlineData("show catalog-read --settle 3601", "--settle must be from 0 to 3600 seconds; got 3601.")]
    [InlineData("set catalog-read --percentage abc --reason why", "--percentage must be a number from 0 to 100; got 'abc'.")]
    [InlineData("set catalog-read --mode legacy --expected-version v2 --reason why", "--expected-version must be a number from 0 to")]
    [InlineData("audit --limit many", "--limit must be a number from 1 to 1000; got 'many'.")]
    [InlineData("list --timeout 5s", "--timeout must be a number from 1 to 300 seconds; got '5s'.")]
    [InlineData("show catalog-read --settle 1.5", "--settle must be a number from 0 to 3600 seconds; got '1.5'.")]
    [InlineData("compare --legacy http://127.0.0.1:1 --candidate http://127.0.0.1:2 --requests x.jsonl --parallel four", "--parallel must be a number from 1 to 32; got 'four'.")]
    [InlineData("compare --legacy http://127.0.0.1:1 --candidate http://127.0.0.1:2 --requests x.jsonl --request-timeout 5s", "--request-timeout must be a number from 1 to 300 seconds; got '5s'.")]
    [InlineData("reconcile --legacy http://127.0.0.1:1 --candidate http://127.0.0.1:2 --dataset orders --show all", "--show must be a number from 0 to 1000; got 'all'.")]
    [InlineData("frobnicate", "frobnicate")]
    public async Task A_wrong_command_line_exits_2_with_a_message_and_changes_nothing(string commandLine, string expected)
    {
        var result = await RunAsync(commandLine.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.OrdinalIgnoreCase);
        var audit = await Facade.Admin.GetFromJsonAsync<List<AuditEntry>>(AdminRoutes.Audit, AdminJson.Options);
        Assert.Empty(audit!);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3601")]
    public async Task A_reconcile_wait_out_of_range_exits_2_naming_the_range(string seconds)
    {
        var result = await StranglerCliRunAsync(["reconcile", "--legacy", "http://127.0.0.1:1", "--candidate", "http://127.0.0.1:2", "--dataset", "orders", "--wait", seconds]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--wait must be from 0 to 3600 seconds; got {seconds}.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_url_exits_2_naming_the_option()
    {
        var result = await StranglerCliRunAsync(["list", "--url", "not-a-url"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--url must be an absolute http:// or https:// address; got 'not-a-url'", result.Error);
    }

    [Fact]
    public async Task A_refusal_from_the_facade_exits_1_with_its_problem()
    {
        var unknown = await RunAsync("set", "payments", "--mode", "service", "--reason", "why");
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("404 No such capability.", unknown.Error);
        Assert.DoesNotContain("   at ", unknown.Error);

        var noKey = await StranglerCliRunAsync(["list", "--url", Facade.BaseAddress.ToString(), "--key", "wrong"]);
        Assert.Equal(1, noKey.ExitCode);
        Assert.Contains("401", noKey.Error);
    }

    [Fact]
    public async Task An_unreachable_facade_exits_1_saying_where_it_looked()
    {
        var result = await StranglerCliRunAsync(["list", "--url", "http://127.0.0.1:1", "--key", "k"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"Cannot reach the façade at http://127.0.0.1:1/: Connection refused (127.0.0.1:1). Is it running? (--url or STRANGLER_URL){Environment.NewLine}", result.Error);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        StranglerCliRunAsync([.. args, "--url", Facade.BaseAddress.ToString(), "--key", FacadeServer.AdminKey]);

    private static async Task<(int ExitCode, string Output, string Error)> StranglerCliRunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await StranglerCli.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
