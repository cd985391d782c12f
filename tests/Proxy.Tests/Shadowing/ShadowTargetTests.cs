using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strangler.Comparison;
using Strangler.Contracts;
using Strangler.Facade.Shadowing;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Shadowing;

/// <summary>
/// A shadow copy goes to exactly the path and query bytes its primary went to, and only where the
/// capability's routes reach: never to a path a client could not have reached through the façade.
/// </summary>
[Collection(ShopsSideBySide.Name)]
public sealed class ShadowTargetTests(ShadowFixture fixture) : IAsyncLifetime
{
    private FacadeServer Facade => fixture.Facade;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await Facade.SetAsync("echo", new CapabilityChange(CapabilityMode.Shadow));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/echo/%252e%252e/%252e%252e/sync/export/products")]
    [InlineData("/api/echo/%252E%252E%252Foutbox%252Fcatalog")]
    [InlineData("/api/echo/a%2Fb/..%2F..%2Fopenapi/v1.json")]
    [InlineData("/api/echo/caf%C3%A9/%25/x?q=%26x%3D1&y=a+b&z=%252e%252e")]
    [InlineData("/api/echo/./x/../y;p=1?back=../../scalar")]
    [InlineData("/api/echo/%2e%2e/%2e%2e/api/echo/in")]
    public async Task A_copy_reaches_exactly_the_target_its_primary_reached(string target)
    {
        var before = await StatsAsync();
        var primaries = fixture.StandIn.ReceivedTargets.Count;
        var copies = fixture.Mirror.ReceivedTargets.Count;

        // The connection stays open until the copy has its outcome: closed at once, the primary could
        // read as aborted by the client on a busy machine, and an aborted primary is never copied.
        await RawRequest.SendAsync(Facade.BaseAddress, $"GET {target} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n", async status =>
        {
            Assert.Equal("200", status);
            await SettledAsync(before);
            return status;
        });

        var primary = Assert.Single(fixture.StandIn.ReceivedTargets.Skip(primaries));
        var copy = Assert.Single(fixture.Mirror.ReceivedTargets.Skip(copies));
        Assert.Equal(primary, copy);
        Assert.StartsWith("/api/echo/", copy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/echo/x%2Fy")]
    [InlineData("/api/echo/x%2fy/z")]
    [InlineData("/api/echo/%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D")]
    [InlineData("/api/echo/:@!$&'()*+,;=")]
    [InlineData("/api/echo/%20%25%3F%23%5C%7E~-._")]
    [InlineData("/api/echo/%41%62%63")]
    [InlineData("/api/echo/caf%C3%A9/caf%c3%a9")]
    [InlineData("/api/echo/a%2Fb?q=%2F%3F%23&r=a+b&s=%41")]
    [InlineData("/api/echo/x%252Fy")]
    public async Task The_service_and_its_copy_receive_the_path_and_query_the_client_sent(string target)
    {
        var before = await StatsAsync();
        var primaries = fixture.StandIn.ReceivedTargets.Count;
        var copies = fixture.Mirror.ReceivedTargets.Count;

        await RawRequest.SendAsync(Facade.BaseAddress, $"GET {target} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n", async status =>
        {
            Assert.Equal("200", status);
            await SettledAsync(before);
            return status;
        });

        Assert.Equal(target, Assert.Single(fixture.StandIn.ReceivedTargets.Skip(primaries)));
        Assert.Equal(target, Assert.Single(fixture.Mirror.ReceivedTargets.Skip(copies)));
    }

    [Fact]
    public async Task A_copy_whose_path_the_capability_does_not_claim_is_skipped_and_counted_with_its_reason()
    {
        var worker = Facade.Services.GetServices<IHostedService>().OfType<ShadowWorker>().Single();
        var manifests = Facade.Services.GetRequiredService<Strangler.Facade.Settings.ManifestSource>();
        var stats = Facade.Services.GetRequiredService<ShadowStats>();
        var echo = manifests.Current.Find("echo")!;
        var before = await StatsAsync();
        var copies = fixture.Mirror.ReceivedTargets.Count;

        // What a copy built from a re-read URI would have been: the primary's route, with the dots resolved.
        var request = new ShadowRequest(echo, ShadowDirection.ToService, "GET", "/api/sync/export/products", [], ReadOnlyMemory<byte>.Empty, false);
        stats.Taken("echo");
        await worker.ProcessAsync(new ShadowWork(request, CapturedResponse.Of(200, "application/json", "{}"), "test", false, "127.0.0.1", 0), CancellationToken.None);

        var after = await StatsAsync();
        Assert.Equal(1, after.Skipped - before.Skipped);
        Assert.Equal(1, after.SkippedBecause![ShadowReasons.PathNotClaimed] - before.SkippedBecause!.GetValueOrDefault(ShadowReasons.PathNotClaimed));
        Assert.Equal(0, after.Pending);
        Assert.Equal(copies, fixture.Mirror.ReceivedTargets.Count);
    }

    [Fact]
    public async Task A_copy_for_a_side_health_checks_took_out_is_skipped_as_unavailable_not_counted_as_an_error()
    {
        await fixture.Mirror.StopAsync();
        try
        {
            var cluster = Facade.Services.GetRequiredService<Yarp.ReverseProxy.IProxyStateLookup>();
            var down = await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(
                cluster.TryGetCluster("mirror", out var state) && !Strangler.Facade.Health.UsableDestinations.Any(state)), TimeSpan.FromMilliseconds(50));
            Assert.True(down, "The mirror was never marked unhealthy.");
            var before = await StatsAsync();

            using var response = await Facade.Client.GetAsync("/api/echo/while-mirror-down");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ComparisonStats after = before;
            var settled = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            {
                after = await StatsAsync();
                return after.Pending == 0 && after.Skipped > before.Skipped;
            }, TimeSpan.FromMilliseconds(50));
            Assert.True(settled, $"No outcome: {after}");
            Assert.Equal(1, after.SkippedBecause![ShadowReasons.TargetUnavailable] - before.SkippedBecause!.GetValueOrDefault(ShadowReasons.TargetUnavailable));
            Assert.Equal(before.Errors, after.Errors);
        }
        finally
        {
            await fixture.Mirror.RestartAsync();
        }

        await Eventually.TrueWithinAsync(Eventually.Generous, () =>
        {
            var lookup = Facade.Services.GetRequiredService<Yarp.ReverseProxy.IProxyStateLookup>();
            return Task.FromResult(lookup.TryGetCluster("mirror", out var state) && Strangler.Facade.Health.UsableDestinations.Any(state));
        }, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_body_over_the_capability_limit_is_not_copied_and_is_counted()
    {
        var before = await StatsAsync();
        var copies = fixture.Mirror.ReceivedTargets.Count;

        using var response = await Facade.Client.PostAsync("/api/echo/large", new ByteArrayContent(new byte[2048]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await StatsAsync();
        Assert.Equal(1, after.SkippedBecause![ShadowReasons.BodyOverLimit] - before.SkippedBecause!.GetValueOrDefault(ShadowReasons.BodyOverLimit));
        Assert.Equal(copies, fixture.Mirror.ReceivedTargets.Count);
    }

    private async Task<ComparisonStats> StatsAsync() =>
        (await Facade.Admin.GetFromJsonAsync<ComparisonStats>(AdminRoutes.Comparison("echo"), AdminJson.Options))!;

    private async Task SettledAsync(ComparisonStats before)
    {
        ComparisonStats stats = before;
        var settled = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            stats = await StatsAsync();
            return stats.Pending == 0 && stats.Compared + stats.Errors > before.Compared + before.Errors;
        }, TimeSpan.FromMilliseconds(50));
        Assert.True(settled, $"The copy had no outcome in time: {stats}");
    }
}
