using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;
using Strangler.Facade.Guardrails;

namespace Proxy.Tests.Observability;

/// <summary>
/// Guardrails on the real façade in front of two real stand-ins: a failing or disagreeing service is
/// switched back to Legacy by itself, audited with the reason; a healthy canary is promoted step by
/// step. Load is bounded and every wait has a limit.
/// </summary>
public sealed class GuardrailTests(StandInPair backends) : IClassFixture<StandInPair>, IAsyncLifetime
{
    private const string Capability = FacadeFixture.CatalogRead;

    public Task InitializeAsync()
    {
        foreach (var side in new[] { backends.Monolith, backends.Service })
        {
            side.FailWith = null;
            side.Delay = TimeSpan.Zero;
        }

        return Task.CompletedTask;
    }

    public Task DisposeAsync() => InitializeAsync();

    private async Task<FacadeServer> StartAsync(params (string Key, string Value)[] guardrails)
    {
        var settings = backends.Manifest().NewSqliteStore();
        foreach (var (key, value) in guardrails)
        {
            settings.Set($"Strangler:Capabilities:{Capability}:Guardrails:{key}", value);
        }

        var facade = await FacadeServer.StartAsync(settings);
        await Eventually.HealthyAsync(facade, Capability);
        return facade;
    }

    private static async Task SendAsync(FacadeServer facade, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
            request.Headers.Add("X-User-Id", $"user-{i}");
            (await facade.Client.SendAsync(request)).Dispose();
        }
    }

    private static async Task<CapabilityView> StateAsync(FacadeServer facade) =>
        (await facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability(Capability), AdminJson.Options))!;

    private static async Task<AuditEntry> LastAuditAsync(FacadeServer facade) =>
        (await facade.Admin.GetFromJsonAsync<List<AuditEntry>>($"{AdminRoutes.Audit}?capability={Capability}&limit=1", AdminJson.Options))![0];

    [Fact]
    public async Task A_service_answering_5xx_is_rolled_back_to_legacy_and_the_audit_says_why()
    {
        await using var facade = await StartAsync(("MaxServiceErrorRate", "0.1"), ("MinRequests", "10"), ("Window", "00:00:30"));
        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Service));
        backends.Service.FailWith = 500;

        // Three callers (three loopback addresses), the default MinCallers, each seeing the service fail.
        await SendFromCallersAsync(facade, callers: 3, each: 7);

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => (await StateAsync(facade)).State.Mode == CapabilityMode.Legacy),
            "The failing service was not rolled back in time.");
        var audit = await LastAuditAsync(facade);
        Assert.Equal("guardrail", audit.Who);
        Assert.Matches(@"^rolled back: service 5xx rate 100\.0% \(\d+ of \d+, 3 callers\) over the last \d+ s is above 10\.0%$", audit.Reason);
        var response = await facade.Client.GetAsync("/api/catalog/categories");
        Assert.Equal(FacadeFixture.Monolith, response.Headers.GetValues(StranglerHeaders.ServedBy).Single());
    }

    [Fact]
    public async Task One_caller_alone_cannot_roll_a_capability_back_however_many_5xx_it_sees()
    {
        await using var facade = await StartAsync(("MaxServiceErrorRate", "0.1"), ("MinRequests", "10"));
        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Service));
        backends.Service.FailWith = 500;

        await SendAsync(facade, 40);

        await TwoMoreJudgementsAsync(facade);
        Assert.Equal(CapabilityMode.Service, (await StateAsync(facade)).State.Mode);
        Assert.Equal(40, (await TrafficAsync(facade)).Service.ServerErrors);
    }

    [Theory]
    [InlineData("Transfer-Encoding: chunked\r\n\r\nZZ\r\nnot a chunk\r\n0\r\n\r\n", "400")]
    [InlineData("Transfer-Encoding: chunked\r\n\r\n5\r\nab", "408")]
    [InlineData("Content-Length: 100\r\n\r\ncut short", "408")]
    [InlineData("X-A: caf\u00C3\u00A9\r\n\r\n", "400")] // "café" in UTF-8 bytes: Kestrel takes it, the forwarder cannot send it
    public async Task Requests_a_client_breaks_are_answered_4xx_and_never_count_against_the_service(string framing, string expected)
    {
        await using var facade = await StartAsync(("MaxServiceErrorRate", "0.1"), ("MinRequests", "10"), ("MinCallers", "1"));
        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Service));

        // At once: a cut body is answered only when Kestrel gives up waiting for the rest of it.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            RawRequest.SendAsync(facade.BaseAddress, $"GET /api/catalog/categories HTTP/1.1\r\nHost: localhost\r\n{framing}")));

        Assert.All(statuses, status => Assert.Equal(expected, status));
        await TwoMoreJudgementsAsync(facade);
        Assert.Equal(CapabilityMode.Service, (await StateAsync(facade)).State.Mode);
        Assert.Equal(0, (await TrafficAsync(facade)).Service.ServerErrors);
    }

    private static async Task TwoMoreJudgementsAsync(FacadeServer facade)
    {
        var watcher = facade.Services.GetRequiredService<GuardrailWatcher>();
        var seen = watcher.Rounds;
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(watcher.Rounds >= seen + 2)),
            "The guardrails did not judge twice more.");
    }

    private static async Task<TrafficView> TrafficAsync(FacadeServer facade) =>
        (await facade.Admin.GetFromJsonAsync<TrafficView>(AdminRoutes.Capability(Capability) + "/traffic?window=60", AdminJson.Options))!;

    /// <summary>Requests from <paramref name="callers"/> distinct loopback addresses (127.0.0.2, .3, ...), the façade's notion of distinct callers.</summary>
    private static async Task SendFromCallersAsync(FacadeServer facade, int callers, int each)
    {
        for (var caller = 0; caller < callers; caller++)
        {
            var local = System.Net.IPAddress.Parse($"127.0.0.{caller + 2}");
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    socket.Bind(new System.Net.IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                },
            };
            using var client = new HttpClient(handler) { BaseAddress = facade.BaseAddress };
            for (var i = 0; i < each; i++)
            {
                (await client.GetAsync("/api/catalog/categories")).Dispose();
            }
        }
    }

    [Fact]
    public async Task A_healthy_service_or_too_few_requests_change_nothing()
    {
        await using var facade = await StartAsync(("MaxServiceErrorRate", "0.1"), ("MinRequests", "10"), ("MinCallers", "1"));
        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Service));

        await SendAsync(facade, 30);
        backends.Service.FailWith = 503;
        await SendAsync(facade, 3); // 3 of 33 fail: 9 %, under the 10 % line

        await TwoMoreJudgementsAsync(facade);
        Assert.Equal(CapabilityMode.Service, (await StateAsync(facade)).State.Mode);
    }

    [Fact]
    public async Task A_service_that_disagrees_with_the_monolith_is_rolled_back_on_its_mismatch_rate()
    {
        // The two stand-ins answer with their own names, so every reverse-shadowed read is a mismatch.
        await using var facade = await StartAsync(("MaxMismatchRate", "0.5"), ("MinRequests", "5"), ("MinCallers", "1"));
        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Service));

        await SendAsync(facade, 15);

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => (await StateAsync(facade)).State.Mode == CapabilityMode.Legacy),
            "The disagreeing service was not rolled back in time.");
        Assert.StartsWith("rolled back: mismatch rate 100.0% (", (await LastAuditAsync(facade)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_canary_whose_service_is_much_slower_than_the_monolith_is_rolled_back_on_the_p99_ratio()
    {
        await using var facade = await StartAsync(("MaxLatencyRatio", "3"), ("MinRequests", "5"));
        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Canary, Percentage: 50));
        backends.Service.Delay = TimeSpan.FromMilliseconds(150);

        await SendAsync(facade, 30);

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => (await StateAsync(facade)).State.Mode == CapabilityMode.Legacy),
            "The slow canary was not rolled back in time.");
        Assert.Matches(@"^rolled back: service p99 [\d.]+ ms is [\d.]+x legacy p99 [\d.]+ ms over the last \d+ s, above 3x$", (await LastAuditAsync(facade)).Reason);
    }

    [Fact]
    public async Task A_healthy_canary_is_promoted_a_step_at_a_time_after_holding_each()
    {
        await using var facade = await StartAsync(
            ("MaxServiceErrorRate", "0.1"), ("Promote:Steps:0", "50"), ("Promote:Steps:1", "100"), ("Promote:HoldFor", "00:00:01"), ("Promote:MinCompared", "5"));
        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Canary, Percentage: 50));

        await SendAsync(facade, 40);

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => (await StateAsync(facade)).State.Percentage == 100),
            "The healthy canary was not promoted to 100 % in time.");
        var audit = await LastAuditAsync(facade);
        Assert.Equal("guardrail", audit.Who);
        Assert.StartsWith("promoted from 50% to 100%: healthy for ", audit.Reason, StringComparison.Ordinal);
        Assert.Equal(CapabilityMode.Canary, (await StateAsync(facade)).State.Mode);
    }

    [Fact]
    public async Task The_traffic_view_splits_requests_by_side_with_share_errors_and_latency()
    {
        await using var facade = await StartAsync();
        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Canary, Percentage: 50));

        await SendAsync(facade, 40);

        var view = (await facade.Admin.GetFromJsonAsync<TrafficView>(AdminRoutes.Capability(Capability) + "/traffic?window=60", AdminJson.Options))!;
        Assert.Equal(40, view.Legacy.Requests + view.Service.Requests);
        Assert.InRange(view.Service.Share, 0.2, 0.8);
        Assert.Equal(1.0, view.Legacy.Share + view.Service.Share, 3);
        Assert.NotNull(view.Service.P99Ms);
        Assert.Equal(0, view.Service.ErrorRate);
        var progress = (await facade.Admin.GetFromJsonAsync<MigrationProgress>(AdminRoutes.Api + "/progress", AdminJson.Options))!;
        Assert.Equal(view.Service.Share, progress.ServedByServices, 3);
        Assert.Equal(0, progress.RoutesOnServices);
        Assert.Equal(1, progress.CapabilitiesByMode["Canary"]);
        var refused = await facade.Admin.GetAsync(AdminRoutes.Capability(Capability) + "/traffic?window=0");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task After_a_rollback_the_progress_shows_the_state_apart_from_the_traffic_that_went_to_services()
    {
        await using var facade = await StartAsync();
        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Service));
        await Eventually.HealthyAsync(facade, Capability);
        await SendAsync(facade, 20);
        var migrated = (await facade.Admin.GetFromJsonAsync<MigrationProgress>(AdminRoutes.Api + "/progress", AdminJson.Options))!;
        Assert.True(migrated.RoutesOnServices > 0);
        Assert.Equal(1, migrated.CapabilitiesByMode["Service"]);

        await facade.SetAsync(Capability, new CapabilityChange(Mode: CapabilityMode.Legacy, Reason: "rollback"));

        var rolledBack = (await facade.Admin.GetFromJsonAsync<MigrationProgress>(AdminRoutes.Api + "/progress", AdminJson.Options))!;
        Assert.Equal(0, rolledBack.RoutesOnServices);
        Assert.Equal(0, rolledBack.CapabilitiesByMode["Service"]);
        Assert.Equal(migrated.Routes, rolledBack.Routes);
        // The traffic share still remembers the requests the service answered; it is a separate figure.
        Assert.True(rolledBack.ServedByServices > 0);
    }
}
