using System.Text.Json.Nodes;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Routing;

/// <summary>Each request leaves one structured log event naming its capability, mode, serving side, duration and correlation id.</summary>
public sealed class RequestLoggingTests(StandInPair backends) : IClassFixture<StandInPair>
{
    [Fact]
    public async Task The_request_event_carries_capability_mode_served_by_duration_and_correlation_id()
    {
        var logFile = Path.Combine(TestRun.TempFolder("log"), "facade.json");
        var settings = backends.Manifest().NewSqliteStore()
            .Set("Serilog:MinimumLevel:Override:Strangler.Facade.Observability.RequestOutcomeMiddleware", "Information")
            .Set("Serilog:WriteTo:0:Name", "File")
            .Set("Serilog:WriteTo:0:Args:path", logFile)
            .Set("Serilog:WriteTo:0:Args:formatter", "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact");
        await using (var facade = await FacadeServer.StartAsync(settings))
        {
            await facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
            request.Headers.Add(StranglerHeaders.CorrelationId, "logged-request-1");
            using var response = await facade.Client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var events = (await File.ReadAllLinesAsync(logFile)).Select(line => JsonNode.Parse(line)!).ToList();
        var logged = Assert.Single(events, e => (string?)e["CorrelationId"] == "logged-request-1" && (string?)e["RequestPath"] == "/api/catalog/categories");
        Assert.Equal(FacadeFixture.CatalogRead, (string?)logged["Capability"]);
        Assert.Equal("Service", (string?)logged["Mode"]);
        Assert.Equal(FacadeFixture.StandInName, (string?)logged["ServedBy"]);
        Assert.Equal(200, (int)logged["StatusCode"]!);
        Assert.True((double)logged["Elapsed"]! > 0);
    }

    [Fact]
    public async Task A_proxied_request_logs_its_one_line_and_no_authentication_and_the_admin_api_logs_at_debug()
    {
        var logFile = Path.Combine(TestRun.TempFolder("log"), "facade.json");
        var settings = backends.Manifest().NewSqliteStore()
            .Set("Serilog:MinimumLevel:Default", "Information")
            .Set("Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Authentication", "Information")
            .Set("Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Authorization", "Information")
            .Set("Serilog:MinimumLevel:Override:Strangler.Facade.Observability.RequestOutcomeMiddleware", "Information")
            .Set("Serilog:WriteTo:0:Name", "File")
            .Set("Serilog:WriteTo:0:Args:path", logFile)
            .Set("Serilog:WriteTo:0:Args:formatter", "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact");
        await using (var facade = await FacadeServer.StartAsync(settings))
        {
            for (var i = 0; i < 20; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
                request.Headers.Add(StranglerHeaders.CorrelationId, $"quiet-{i}");
                (await facade.Client.SendAsync(request)).EnsureSuccessStatusCode();
                (await facade.Admin.GetAsync(AdminRoutes.Capabilities)).EnsureSuccessStatusCode();
            }
        }

        var events = (await File.ReadAllLinesAsync(logFile)).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(20, events.Count(e => (string?)e["RequestPath"] == "/api/catalog/categories"));
        Assert.DoesNotContain(events, e => ((string?)e["SourceContext"])?.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal) == true
            || ((string?)e["SourceContext"])?.StartsWith("Microsoft.AspNetCore.Authorization", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(events, e => (string?)e["RequestPath"] == AdminRoutes.Capabilities);
        // Logging at Information with no override of its own, as a minimal manifest does: no flag-store SQL.
        Assert.DoesNotContain(events, e => ((string?)e["SourceContext"])?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true);
    }
}
