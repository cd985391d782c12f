using System.Globalization;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;

namespace Proxy.Tests.Observability;

/// <summary>The façade's metrics, read as Prometheus reads them: from <c>/strangler/metrics</c> on the real façade.</summary>
[Collection(ShopBehindFacade.Name)]
public sealed class MetricsTests(FacadeFixture fixture) : FacadeTests(fixture)
{
    private async Task<string> ScrapeAsync() => await Facade.Client.GetStringAsync("/strangler/metrics");

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
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(Mode: CapabilityMode.Canary, Percentage: 0, Users: ["alice"]));
        var before = await ScrapeAsync();
        var monolithSeries = Series(before, "strangler_requests_total", ("capability", "catalog-read"), ("served_by", "monolith"), ("status", "200"));
        var serviceSeries = Series(before, "strangler_requests_total", ("capability", "catalog-read"), ("served_by", "stand-in"), ("status", "200"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("monolith", await ServedByAsync("/api/catalog/categories", user: "bob"));
        }

        Assert.Equal("stand-in", await ServedByAsync("/api/catalog/categories", user: "alice"));

        var after = await ScrapeAsync();
        monolithSeries = Series(after, "strangler_requests_total", ("capability", "catalog-read"), ("mode", "Canary"), ("served_by", "monolith"), ("status", "200"));
        serviceSeries = Series(after, "strangler_requests_total", ("capability", "catalog-read"), ("mode", "Canary"), ("served_by", "stand-in"), ("status", "200"));
        Assert.Equal(Value(before, monolithSeries) + 3, Value(after, monolithSeries));
        Assert.Equal(Value(before, serviceSeries) + 1, Value(after, serviceSeries));
        var durations = Series(after, "strangler_request_duration_seconds_count", ("capability", "catalog-read"), ("served_by", "stand-in"));
        Assert.True(Value(after, durations) >= 1, after);
    }

    [Fact]
    public async Task Flag_changes_are_counted_and_admin_calls_are_not_traffic()
    {
        var before = await ScrapeAsync();
        var changes = Series(before, "strangler_flag_changes_total", ("capability", "ordering"), ("mode", "Shadow"));

        await Facade.SetAsync(FacadeFixture.Ordering, new CapabilityChange(Mode: CapabilityMode.Shadow));
        await Facade.Admin.GetAsync(AdminRoutes.Capabilities);

        var after = await ScrapeAsync();
        changes = Series(after, "strangler_flag_changes_total", ("capability", "ordering"), ("mode", "Shadow"));
        Assert.Equal(Value(before, changes) + 1, Value(after, changes));
        Assert.DoesNotContain("capability=\"-\"", after, StringComparison.Ordinal);
    }
}
