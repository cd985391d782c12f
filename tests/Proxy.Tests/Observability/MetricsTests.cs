using System.Globalization;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Observability;

/// <summary>
/// The façade's metrics, read as Prometheus reads them: from <c>/strangler/metrics</c> on a real façade
/// of its own. OpenTelemetry's exporter sees every meter named <c>Strangler.Facade</c> in the process,
/// and drops a metric stream when another façade disposes its meter; one façade runs per process
/// outside tests, so here the class runs alone, with names no other test uses.
/// </summary>
[Collection(Alone.Name)]
public sealed class MetricsTests(StandInPair backends) : IClassFixture<StandInPair>, IAsyncLifetime
{
    private const string Capability = "metrics-read";
    private const string Legacy = "metrics-legacy";
    private const string Service = "metrics-service";

    private FacadeServer Facade { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Facade = await FacadeServer.StartAsync(new FacadeSettings()
            .DefaultCluster(Legacy)
            .Cluster(Legacy, backends.Monolith.BaseAddress)
            .Cluster(Service, backends.Service.BaseAddress)
            .Capability(Capability, Legacy, Service, ("/api/catalog/categories", "GET"))
            .Capability("metrics-write", Legacy, Service, ("/api/orders", "POST"))
            .NewSqliteStore());
        await Eventually.HealthyAsync(Facade, Capability);
    }

    public async Task DisposeAsync() => await Facade.DisposeAsync();

    private async Task<string> ScrapeAsync() => await Facade.Client.GetStringAsync("/strangler/metrics");

    private async Task<string> ServedByAsync(string path, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-User-Id", user);
        using var response = await Facade.Client.SendAsync(request);
        return response.Headers.GetValues(StranglerHeaders.ServedBy).Single();
    }

    private static double Value(string scrape, string series)
    {
        var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal) && l.Length > series.Length && l[series.Length] == ' ');
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string Series(string scrape, string name, params (string Key, string Value)[] labels) =>
        scrape.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(p => l.Contains($"{p.Key}=\"{p.Value}\"", StringComparison.Ordinal)))
            ?.Split(' ')[0] ?? $"{name}{{no such series}}";

    [Fact]
    public async Task Requests_are_counted_by_capability_mode_serving_side_and_status_and_timed_per_side()
    {
        await Facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Canary, Percentage: 0, Users: ["alice"]));
        var before = await ScrapeAsync();
        var monolithSeries = Series(before, "strangler_requests_total", ("capability", Capability), ("served_by", Legacy), ("status", "200"));
        var serviceSeries = Series(before, "strangler_requests_total", ("capability", Capability), ("served_by", Service), ("status", "200"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Legacy, await ServedByAsync("/api/catalog/categories", user: "bob"));
        }

        Assert.Equal(Service, await ServedByAsync("/api/catalog/categories", user: "alice"));

        var after = await ScrapeAsync();
        monolithSeries = Series(after, "strangler_requests_total", ("capability", Capability), ("mode", "Canary"), ("served_by", Legacy), ("status", "200"));
        serviceSeries = Series(after, "strangler_requests_total", ("capability", Capability), ("mode", "Canary"), ("served_by", Service), ("status", "200"));
        Assert.Equal(Value(before, monolithSeries) + 3, Value(after, monolithSeries));
        Assert.Equal(Value(before, serviceSeries) + 1, Value(after, serviceSeries));
        var durations = Series(after, "strangler_request_duration_seconds_count", ("capability", Capability), ("served_by", Service));
        Assert.True(Value(after, durations) >= 1, after);
        // ASP.NET Core's own server metrics stay in the scrape beside the façade's.
        var server = Series(after, "http_server_request_duration_seconds_count", ("http_route", "/api/catalog/categories"), ("http_response_status_code", "200"));
        Assert.True(Value(after, server) >= 4, after);
        Assert.Contains("kestrel_active_connections", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flag_changes_are_counted_and_admin_calls_are_not_traffic()
    {
        var before = await ScrapeAsync();
        var changes = Series(before, "strangler_flag_changes_total", ("capability", "metrics-write"), ("mode", "Shadow"));

        await Facade.SetAsync("metrics-write", new CapabilityChange(Mode: CapabilityMode.Shadow));
        await Facade.Admin.GetAsync(AdminRoutes.Capabilities);

        var after = await ScrapeAsync();
        changes = Series(after, "strangler_flag_changes_total", ("capability", "metrics-write"), ("mode", "Shadow"));
        Assert.Equal(Value(before, changes) + 1, Value(after, changes));
        // The change and the admin read were the façade's own business, not traffic of the capability.
        Assert.DoesNotContain(after.Split('\n'), l => l.StartsWith("strangler_requests_total{", StringComparison.Ordinal) && l.Contains("capability=\"metrics-write\"", StringComparison.Ordinal));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Alone
{
    public const string Name = "Façade metrics, with no other façade starting or stopping meanwhile";
}
