using System.Net.Http.Json;
using Microsoft.Playwright;
using Strangler.Contracts;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Dashboard.Tests;

/// <summary>The real monolith, a stand-in service and the real façade (Production, with an admin key) for the browser to look at.</summary>
public sealed class DashboardSystem : IAsyncLifetime
{
    public ShopServer Shop { get; private set; } = null!;

    public StandInService Service { get; private set; } = null!;

    public FacadeServer Facade { get; private set; } = null!;

    public Uri Dashboard => new(Facade.BaseAddress, "/strangler/dashboard");

    /// <summary>A watched configuration file with one harmless setting, for a test to break and mend.</summary>
    public string SettingsFile { get; } = Path.Combine(Testing.Infrastructure.TestRun.TempFolder("dashboard"), "appsettings.json");

    public const string ValidSettings = """{ "Logging": { "Format": "text" } }""";

    public async Task InitializeAsync()
    {
        Shop = await ShopServer.StartOnSqliteAsync();
        Service = await StandInService.StartAsync("catalog-service");
        await File.WriteAllTextAsync(SettingsFile, ValidSettings);
        Facade = await FacadeServer.StartAsync(new FacadeSettings()
            .DefaultCluster("monolith")
            .Cluster("monolith", Shop.BaseAddress)
            .Cluster("catalog-service", Service.BaseAddress)
            .Capability("catalog-read", "monolith", "catalog-service", ("/api/catalog/products", "GET"), ("/api/catalog/categories", "GET"))
            .Capability("ordering", "monolith", "catalog-service", ("/api/orders", ""))
            .Set("Strangler:Capabilities:ordering:Shadow:DryRunWrites", "true")
            .Set("Strangler:Shadow:DryRunSecret", "a-long-shared-dry-run-secret")
            .NewSqliteStore(), jsonFile: SettingsFile);
        await Eventually.HealthyAsync(Facade, "catalog-read");
    }

    public async Task DisposeAsync()
    {
        await Facade.DisposeAsync();
        await Service.DisposeAsync();
        await Shop.DisposeAsync();
    }
}

/// <summary>
/// The dashboard in Debian's Chromium: capabilities listed, a switch made from the page with a reason
/// and followed by the page and by X-Served-By, a refused switch without the right key, and a
/// mismatch opened as a side-by-side diff. Screenshots land in TestResults/.
/// </summary>
public sealed class DashboardTests(Browser browser, DashboardSystem system) : IClassFixture<Browser>, IClassFixture<DashboardSystem>, IAsyncLifetime
{
    private static readonly string Artifacts = Directory.CreateDirectory(Path.Combine(Directory.GetCurrentDirectory(), "TestResults")).FullName;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        await system.Facade.ResetAsync();
        _context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        _page = await _context.NewPageAsync();
        // Every wait for the page (a refresh every 2 s, a click answered) gets the suite's generous deadline.
        _page.SetDefaultTimeout((float)Eventually.Generous.TotalMilliseconds);
        Assertions.SetDefaultExpectTimeout((float)Eventually.Generous.TotalMilliseconds);
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private async Task OpenWithKeyAsync(string key)
    {
        await _page.GotoAsync(system.Dashboard.ToString());
        await _page.GetByLabel("Admin key").FillAsync(key);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Use" }).ClickAsync();
    }

    private ILocator Row(string capability) => _page.Locator($"#capabilities tr[data-capability='{capability}']");

    [Fact]
    public async Task Switching_to_canary_25_from_the_page_is_followed_by_the_page_and_by_X_Served_By()
    {
        await OpenWithKeyAsync(FacadeServer.AdminKey);
        await Assertions.Expect(Row("catalog-read")).ToContainTextAsync("Legacy");
        await Assertions.Expect(Row("ordering")).ToContainTextAsync("Legacy");

        await Row("catalog-read").GetByRole(AriaRole.Button, new() { Name = "Change…" }).ClickAsync();
        await _page.GetByLabel("Mode").SelectOptionAsync("Canary");
        await _page.GetByLabel("Canary percentage").FillAsync("25");
        await _page.GetByLabel("Reason (audited)").FillAsync("browser test: a quarter of users");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Assertions.Expect(_page.Locator("#last-change")).ToContainTextAsync("catalog-read is now Canary 25% (version 1).");
        await Assertions.Expect(Row("catalog-read")).ToContainTextAsync("Canary");
        await Assertions.Expect(_page.Locator("#audit")).ToContainTextAsync("browser test: a quarter of users");
        var toService = 0;
        for (var i = 0; i < 80; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
            request.Headers.Add("X-User-Id", $"browser-user-{i}");
            using var response = await system.Facade.Client.SendAsync(request);
            toService += response.Headers.GetValues(StranglerHeaders.ServedBy).Single() == "catalog-service" ? 1 : 0;
        }

        Assert.InRange(toService, 8, 36); // 25 % of 80 is 20; the allocation is by hash of the user
        // The state bar counts routes of capabilities in Service mode (none yet); the traffic bar shows what services answered.
        await Assertions.Expect(_page.Locator("#progress-text")).ToContainTextAsync("Canary 1");
        await Assertions.Expect(_page.Locator("#progress-bar")).ToHaveAttributeAsync("aria-valuenow", "0");
        await Assertions.Expect(_page.Locator("#traffic-bar")).Not.ToHaveAttributeAsync("aria-valuenow", "0", new() { Timeout = 60_000 });
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task Canary_users_and_groups_are_set_from_the_page_and_shown_in_the_targets_and_the_audit()
    {
        await OpenWithKeyAsync(FacadeServer.AdminKey);
        await Assertions.Expect(Row("catalog-read")).ToContainTextAsync("Legacy");

        await Row("catalog-read").GetByRole(AriaRole.Button, new() { Name = "Change…" }).ClickAsync();
        await _page.GetByLabel("Mode").SelectOptionAsync("Canary");
        await _page.GetByLabel("Canary percentage").FillAsync("0");
        await _page.GetByLabel("Canary users (comma-separated)").FillAsync("alice, bob ,");
        await _page.GetByLabel("Canary groups (comma-separated)").FillAsync("beta");
        await _page.GetByLabel("Reason (audited)").FillAsync("browser test: named users first");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Assertions.Expect(_page.Locator("#last-change")).ToContainTextAsync("catalog-read is now Canary 0% · users alice, bob · groups beta (version 1).");
        await Assertions.Expect(Row("catalog-read")).ToContainTextAsync("users alice, bob · groups beta");
        await Assertions.Expect(_page.Locator("#audit")).ToContainTextAsync("Canary 0% · users alice, bob · groups beta");
        var state = (await system.Facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability("catalog-read"), AdminJson.Options))!.State;
        Assert.Equal(["alice", "bob"], state.Users);
        Assert.Equal(["beta"], state.Groups);
    }

    [Fact]
    public async Task A_change_made_elsewhere_shows_on_the_open_page_within_seconds()
    {
        await OpenWithKeyAsync(FacadeServer.AdminKey);
        await Assertions.Expect(Row("ordering")).ToContainTextAsync("Legacy");

        // As the CLI, another replica or a guardrail would: through the admin API, not this page.
        await system.Facade.SetAsync("ordering", new CapabilityChange(Mode: CapabilityMode.Shadow, Reason: "changed from the CLI"));

        await Assertions.Expect(Row("ordering")).ToContainTextAsync("Shadow");
        await Assertions.Expect(_page.Locator("#audit")).ToContainTextAsync("changed from the CLI");
    }

    [Fact]
    public async Task A_side_that_goes_down_shows_unhealthy_with_the_reason()
    {
        await OpenWithKeyAsync(FacadeServer.AdminKey);
        await system.Service.StopAsync();
        try
        {
            // The service side is the capability's second row.
            await Assertions.Expect(_page.Locator("#capabilities")).ToContainTextAsync("Unhealthy: probe failed: connection refused", new() { Timeout = 30_000 });
        }
        finally
        {
            await system.Service.RestartAsync();
        }

        await Eventually.HealthyAsync(system.Facade, "catalog-read");
    }

    [Fact]
    public async Task Without_the_right_key_the_page_says_so_and_a_switch_is_refused()
    {
        await _page.GotoAsync(system.Dashboard.ToString());
        await Assertions.Expect(_page.Locator("#status")).ToContainTextAsync("needs the admin key");

        await OpenWithKeyAsync(FacadeServer.AdminKey);
        await Assertions.Expect(Row("catalog-read")).ToContainTextAsync("Legacy");
        await _page.GetByLabel("Admin key").FillAsync("not-the-key");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Use" }).ClickAsync();
        await Row("catalog-read").GetByRole(AriaRole.Button, new() { Name = "Change…" }).ClickAsync();
        await _page.GetByLabel("Mode").SelectOptionAsync("Service");
        await _page.GetByLabel("Reason (audited)").FillAsync("should not happen");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Assertions.Expect(_page.Locator("#change-error")).ToContainTextAsync("Refused: the admin key is missing or wrong.");
        var view = await system.Facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability("catalog-read"), AdminJson.Options);
        Assert.Equal(CapabilityMode.Legacy, view!.State.Mode);
    }

    [Fact]
    public async Task A_mismatch_opens_as_a_side_by_side_diff_with_the_differing_places_marked()
    {
        await system.Facade.SetAsync("catalog-read", new CapabilityChange(Mode: CapabilityMode.Shadow));
        // The stand-in answers with its own little document: every shadowed read is a mismatch.
        (await system.Facade.Client.GetAsync("/api/catalog/categories")).Dispose();

        await OpenWithKeyAsync(FacadeServer.AdminKey);
        var mismatch = _page.Locator("#mismatches button").First;
        await Assertions.Expect(mismatch).ToContainTextAsync("catalog-read GET /api/catalog/categories");
        await mismatch.ClickAsync();

        await Assertions.Expect(_page.Locator("#diff-title")).ToContainTextAsync("catalog-read GET /api/catalog/categories (200 → 200)");
        Assert.True(await _page.Locator("#diff-table tbody tr").CountAsync() >= 1);
        await Assertions.Expect(_page.Locator("#diff-legacy mark").First).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#diff-candidate")).ToContainTextAsync("catalog-service");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-mismatch.png"), FullPage = true });

        // Exported from the page: the golden case file the CLI writes, for the same mismatch.
        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Button, new() { Name = "Export as golden case" }).ClickAsync());
        Assert.Matches(@"^catalog-read-mismatch-\d+\.json$", download.SuggestedFilename);
        var saved = Path.Combine(TestRun.TempFolder("golden-download"), download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var golden = Strangler.Contracts.Golden.GoldenCaseFile.Read(saved);
        Assert.Equal(("GET", "/api/catalog/categories", "catalog-service"), (golden.Request.Method, golden.Request.Target, golden.Service));
        Assert.NotEmpty(golden.Found);
        await Assertions.Expect(_page.Locator("#diff-export-status")).ToContainTextAsync("Saved " + download.SuggestedFilename);

        await _page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(Row("catalog-read")).ToBeVisibleAsync();
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task The_last_hour_is_charted_per_side_with_the_shadow_latency_the_mismatch_rate_and_the_mode_switches()
    {
        var before = await HistoryAsync();
        await system.Facade.SetAsync("catalog-read", new CapabilityChange(Mode: CapabilityMode.Shadow, Reason: "charts: shadow first"));
        for (var i = 0; i < 20; i++)
        {
            (await system.Facade.Client.GetAsync("/api/catalog/categories")).Dispose();
        }

        // 20 answered by the monolith, and 20 copies sent and compared (the stand-in's answers all differ).
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            var now = await HistoryAsync();
            return Requests(now, "monolith") - Requests(before, "monolith") == 20 && Compared(now) - Compared(before) == 20;
        }));
        await system.Facade.SetAsync("catalog-read", new CapabilityChange(Mode: CapabilityMode.Service, Reason: "charts: cut over"));
        for (var i = 0; i < 5; i++)
        {
            (await system.Facade.Client.GetAsync("/api/catalog/categories")).Dispose();
        }

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            Requests(await HistoryAsync(), "catalog-service") - Requests(before, "catalog-service") == 5));
        var history = await HistoryAsync();
        Assert.Equal(1.0, history.Mismatches[^1].Rate);
        Assert.Contains(history.Events, e => e.Kind == "mode" && e.Text.Contains("Shadow by test-operator: charts: shadow first", StringComparison.Ordinal));
        Assert.Contains(history.Events, e => e.Kind == "mode" && e.Text.Contains("Shadow → Service", StringComparison.Ordinal));
        Assert.Contains(history.Sides.Single(side => side.Role == "shadow").Points, p => p.P50Ms is not null);

        await OpenWithKeyAsync(FacadeServer.AdminKey);
        var charts = _page.Locator("section.chart-group[data-capability='catalog-read']");
        await Assertions.Expect(charts.Locator("[data-chart='rps'] [data-series='monolith (legacy)']")).ToHaveCountAsync(1);
        await Assertions.Expect(charts.Locator("[data-chart='rps'] [data-series='catalog-service (service)']")).ToHaveCountAsync(1);
        await Assertions.Expect(charts.Locator("[data-chart='rps'] [data-series='shadow copies']")).ToHaveCountAsync(1);
        await Assertions.Expect(charts.Locator("[data-chart='mismatch'] [data-series='mismatch rate']")).ToHaveCountAsync(1);
        foreach (var series in new[] { "monolith p50", "monolith p99", "catalog-service p50", "catalog-service p99", "shadow p50", "shadow p99" })
        {
            await Assertions.Expect(charts.Locator($"[data-chart='latency'] [data-series='{series}']")).ToHaveCountAsync(1);
        }

        // Both switches marked on every chart's time axis, with what happened in the marker's title.
        await Assertions.Expect(charts.Locator("[data-chart='rps'] [data-event='mode']")).ToHaveCountAsync(history.Events.Count(e => e.Kind == "mode"));
        await Assertions.Expect(charts.Locator("[data-chart='latency'] [data-event='mode'] title").Last).ToContainTextAsync("Shadow → Service");
        await Assertions.Expect(charts.Locator("[data-chart='rps'] .legend")).ToContainTextAsync("shadow copies");
        await charts.ScrollIntoViewIfNeededAsync();
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-charts.png"), FullPage = true });

        await _page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(charts.Locator("[data-chart='latency'] svg")).ToBeVisibleAsync();
        var width = await charts.Locator("[data-chart='latency'] svg").EvaluateAsync<double>("svg => svg.getBoundingClientRect().width");
        Assert.InRange(width, 200, 390);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-charts-phone.png"), FullPage = true });
    }

    private async Task<CapabilityHistory> HistoryAsync() =>
        (await system.Facade.Admin.GetFromJsonAsync<CapabilityHistory>("/strangler/api/capabilities/catalog-read/history", AdminJson.Options))!;

    private static long Requests(CapabilityHistory history, string side) =>
        (long)Math.Round(history.Sides.Where(s => s.Side == side).SelectMany(s => s.Points).Sum(p => p.RequestsPerSecond * history.BucketSeconds));

    private static long Compared(CapabilityHistory history) => history.Mismatches.Sum(m => m.Compared);

    [Fact]
    public async Task A_dry_run_not_honoured_is_shown_and_write_copies_resume_from_the_page()
    {
        await system.Facade.SetAsync("ordering", new CapabilityChange(Mode: CapabilityMode.Shadow));
        // The stand-in service ignores the dry-run marker: its answer carries no acknowledgement.
        (await system.Facade.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = "SKU-00001", quantity = 1 } } })).Dispose();

        await OpenWithKeyAsync(FacadeServer.AdminKey);
        var alert = _page.Locator("#alerts li", new() { HasText = "Dry run not honoured" });
        await Assertions.Expect(alert).ToContainTextAsync("ordering came back without an acknowledgement");
        await Assertions.Expect(alert).ToContainTextAsync("Write copies are stopped.");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-dry-run-alert.png"), FullPage = true });

        await alert.GetByRole(AriaRole.Button, new() { Name = "Resume write copies of ordering" }).ClickAsync();

        await Assertions.Expect(alert).ToContainTextAsync("Write copies were resumed.");
        var stats = await system.Facade.Admin.GetFromJsonAsync<ComparisonStats>(AdminRoutes.Comparison("ordering"), AdminJson.Options);
        Assert.False(stats!.WriteCopiesStopped);
    }

    [Fact]
    public async Task A_rejected_configuration_change_is_shown_until_a_valid_file_replaces_it()
    {
        await OpenWithKeyAsync(FacadeServer.AdminKey);
        try
        {
            await File.WriteAllTextAsync(system.SettingsFile, """{ "Logging": { "Format": "xml" } }""");

            var alert = _page.Locator("#alerts li", new() { HasText = "Configuration rejected at" });
            await Assertions.Expect(alert).ToContainTextAsync("Logging:Format is 'xml'; expected 'text' or 'json'.");
            await Assertions.Expect(alert).ToContainTextAsync("keeps serving");
        }
        finally
        {
            await File.WriteAllTextAsync(system.SettingsFile, DashboardSystem.ValidSettings);
        }

        await Assertions.Expect(_page.Locator("#alerts li", new() { HasText = "Configuration rejected at" })).ToHaveCountAsync(0);
    }
}
