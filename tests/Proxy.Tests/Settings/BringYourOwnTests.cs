using System.Net.Http.Headers;
using System.Net.Http.Json;
using Strangler.Contracts;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Settings;

/// <summary>
/// Step 09's worked example, as the doc ships it (docs/examples/bring-your-own-appsettings.json), in
/// front of two small HTTP apps that are not the shop: configuration alone puts the façade in front.
/// </summary>
public sealed class BringYourOwnTests : IAsyncLifetime
{
    private StandInService _legacy = null!;
    private StandInService _reports = null!;

    public async Task InitializeAsync()
    {
        _legacy = await StandInService.StartAsync("legacy-app");
        _reports = await StandInService.StartAsync("reports-service");
    }

    public async Task DisposeAsync()
    {
        await _reports.DisposeAsync();
        await _legacy.DisposeAsync();
    }

    [Fact]
    public async Task The_documented_manifest_fronts_another_app_and_moves_its_reports_to_a_service()
    {
        await using var facade = await FacadeServer.StartAsync(OnTheseApps().NewSqliteStore(), jsonFile: Example);
        using var ops = new HttpClient { BaseAddress = facade.BaseAddress };
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "change-me-to-a-random-key-of-32-characters-or-more");

        Assert.Equal("legacy-app", await ServedByAsync(facade, "/api/reports/monthly"));
        Assert.Equal("legacy-app", await ServedByAsync(facade, "/anything/else"));

        await Eventually.HealthyAsync(facade, "reports");
        using var change = await ops.PatchAsync(AdminRoutes.Capability("reports"),
            new StringContent("""{"mode":"Service","reason":"reports moved"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(change.IsSuccessStatusCode, await change.Content.ReadAsStringAsync());

        Assert.Equal("reports-service", await ServedByAsync(facade, "/api/reports/monthly"));
        Assert.Equal("legacy-app", await ServedByAsync(facade, "/anything/else"));
    }

    [Fact]
    public async Task On_a_system_without_the_examples_health_path_every_view_says_why_and_doctor_names_the_fix()
    {
        _legacy.Missing.Add("/health");
        _reports.Missing.Add("/health");
        // The shipped HealthPath (/health) is kept: only the addresses change.
        var settings = new FacadeSettings()
            .Set("Strangler:Clusters:legacy-app:Destinations:0", _legacy.BaseAddress.ToString())
            .Set("Strangler:Clusters:reports-service:Destinations:0", _reports.BaseAddress.ToString())
            .NewSqliteStore();
        await using var facade = await FacadeServer.StartAsync(settings, jsonFile: Example);

        CapabilityView? view = null;
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            view = await facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability("reports"), AdminJson.Options);
            return view!.ServiceHealth == ClusterHealth.Unhealthy && view.Destinations!.All(d => d.LastProbe is not null);
        }, TimeSpan.FromMilliseconds(100)), $"{view}");
        Assert.All(view!.Destinations!, d => Assert.Equal("answered 404 Not Found", d.LastProbe));

        // doctor reads the very file the façade runs on, with the addresses these apps have.
        var manifest = TestRun.TempFile("byo", ".json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(Example))
            .Replace("http://127.0.0.1:8080", _legacy.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8081", _reports.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Strangler.Cli.StranglerCli.RunAsync(["doctor", "--manifest", manifest, "--facade", facade.BaseAddress.ToString()], output, error);

        Assert.Equal(1, exit);
        Assert.Contains($"FAIL  health   reports-service: GET {_reports.BaseAddress}health answered 404 Not Found", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("fix: set Strangler:Clusters:reports-service:HealthPath to a path this system answers with 2xx", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_whose_health_answers_but_whose_api_hangs_is_tried_once_then_left_out_and_the_wait_is_its_failure()
    {
        var settings = OnTheseApps()
            .Set("Strangler:Clusters:reports-service:RequestTimeout", "00:00:01")
            // Long enough that nothing but the failure itself can explain the service being left out.
            .Set("Strangler:Clusters:reports-service:ReactivationPeriod", "00:10:00")
            .NewSqliteStore();
        await using var facade = await FacadeServer.StartAsync(settings, jsonFile: Example);
        await Eventually.HealthyAsync(facade, "reports");
        await facade.SetAsync("reports", new CapabilityChange(CapabilityMode.Service));
        _reports.Delay = TimeSpan.FromMinutes(1); // its health endpoint still answers at once

        using var first = await facade.Client.GetAsync("/api/reports/monthly");
        using var second = await facade.Client.GetAsync("/api/reports/weekly");

        Assert.Equal("reports-service failed: RequestTimedOut", first.Headers.GetValues(StranglerHeaders.Fallback).Single());
        Assert.Equal("reports-service unavailable", second.Headers.GetValues(StranglerHeaders.Fallback).Single());
        Assert.Equal(1, _reports.Requests);
        var traffic = (await facade.Admin.GetFromJsonAsync<TrafficView>(AdminRoutes.Capability("reports") + "/traffic?window=900", AdminJson.Options))!;
        Assert.Equal(1, traffic.Service.ServerErrors);
        Assert.Equal(0, traffic.Legacy.ServerErrors);
        var view = (await facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability("reports"), AdminJson.Options))!;
        Assert.Equal(ClusterHealth.Unhealthy, view.ServiceHealth);
        Assert.Contains(view.Destinations!, d => d.Cluster == "reports-service" && d.Passive == "Unhealthy");
    }

    private static string Example => Path.Combine(RepositoryRoot.Path, "docs", "examples", "bring-your-own-appsettings.json");

    /// <summary>The example's settings with only what these apps need changed: their free ports (not 8080 and 8081) and their health path.</summary>
    private FacadeSettings OnTheseApps() => new FacadeSettings()
        .Set("Strangler:Clusters:legacy-app:Destinations:0", _legacy.BaseAddress.ToString())
        .Set("Strangler:Clusters:reports-service:Destinations:0", _reports.BaseAddress.ToString())
        .Set("Strangler:Clusters:legacy-app:HealthPath", "/health/ready")
        .Set("Strangler:Clusters:reports-service:HealthPath", "/health/ready");

    private static async Task<string> ServedByAsync(FacadeServer facade, string path)
    {
        using var response = await facade.Client.GetAsync(path);
        return response.Headers.GetValues(StranglerHeaders.ServedBy).Single();
    }
}
