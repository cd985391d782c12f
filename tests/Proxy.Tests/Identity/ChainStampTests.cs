using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Identity;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Identity;

/// <summary>
/// The routing decision in W3C baggage, as a backend sees it and passes it back: the façade stamps what
/// it forwards with the user and the sides, signed; a request that brings the stamp back is routed for
/// that user and keeps those sides. A stamp a client forged, an expired one, or one for another user
/// than the request's token counts for nothing.
/// </summary>
public sealed class ChainStampTests(StandInPair backends) : IClassFixture<StandInPair>, IAsyncLifetime
{
    private const string Path = "/api/catalog/categories";
    private FacadeServer _facade = null!;

    public async Task InitializeAsync()
    {
        _facade = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore().AcceptTestTokens()
            .Auth(FacadeFixture.CatalogRead, "Optional").CallChain());
        await _facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, Percentage: 0, Users: ["alice"]));
        await Eventually.HealthyAsync(_facade, FacadeFixture.CatalogRead);
    }

    public async Task DisposeAsync() => await _facade.DisposeAsync();

    [Fact]
    public async Task The_stamp_a_backend_received_routes_its_own_call_for_the_same_user()
    {
        var (servedBy, stamp) = await SendAsync(token: TestTokens.For("alice"), baggage: "tenant=acme");
        Assert.Equal(FacadeFixture.StandInName, servedBy);
        Assert.Contains("tenant=acme", stamp, StringComparison.Ordinal);   // the caller's own members travel on
        Assert.Contains("strangler.route", stamp, StringComparison.Ordinal);

        // The service calls back through the façade with what it received, and no token of alice's.
        var (again, _) = await SendAsync(token: null, baggage: stamp);
        Assert.Equal(FacadeFixture.StandInName, again);

        // The same call without the stamp is an anonymous caller, not alice.
        var (anonymous, _) = await SendAsync(token: null, baggage: null);
        Assert.Equal(FacadeFixture.Monolith, anonymous);
    }

    [Fact]
    public async Task A_forged_expired_or_foreign_users_stamp_counts_for_nothing()
    {
        var (_, alices) = await SendAsync(token: TestTokens.For("alice"), baggage: null);

        var forged = Stamp("alice", DateTimeOffset.UtcNow.AddMinutes(5), "not-the-facades-secret-0123456789-abcdef");
        var expired = Stamp("alice", DateTimeOffset.UtcNow.AddMinutes(-1), FacadeSettings.CallChainSecret);
        var tampered = Tamper(alices);

        Assert.Equal(FacadeFixture.Monolith, (await SendAsync(token: null, baggage: forged)).ServedBy);
        Assert.Equal(FacadeFixture.Monolith, (await SendAsync(token: null, baggage: expired)).ServedBy);
        Assert.Equal(FacadeFixture.Monolith, (await SendAsync(token: null, baggage: tampered)).ServedBy);
        // alice's own valid stamp, brought by bob: bob's token decides.
        Assert.Equal(FacadeFixture.Monolith, (await SendAsync(token: TestTokens.For("bob"), baggage: alices)).ServedBy);
        // And the same stamp signed right, for a time still to come, does count: the checks above are what refused.
        Assert.Equal(FacadeFixture.StandInName, (await SendAsync(token: null, baggage: Stamp("alice", DateTimeOffset.UtcNow.AddMinutes(5), FacadeSettings.CallChainSecret))).ServedBy);
    }

    [Fact]
    public async Task A_side_the_chain_was_given_is_kept_rather_than_decided_again()
    {
        // zed is not in the canary: decided afresh, zed gets the monolith. The chain gave zed the service
        // (a percentage that moved since, say), and a hop of that chain keeps it.
        Assert.Equal(FacadeFixture.Monolith, (await SendAsync(token: TestTokens.For("zed"), baggage: null)).ServedBy);
        Assert.Equal(FacadeFixture.StandInName, (await SendAsync(token: TestTokens.For("zed"), baggage: Stamp("zed", DateTimeOffset.UtcNow.AddMinutes(5), FacadeSettings.CallChainSecret))).ServedBy);

        // Out of Canary, the mode decides: a rollback in the middle of a chain wins over the stamp.
        await _facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Legacy));
        Assert.Equal(FacadeFixture.Monolith, (await SendAsync(token: TestTokens.For("zed"), baggage: Stamp("zed", DateTimeOffset.UtcNow.AddMinutes(5), FacadeSettings.CallChainSecret))).ServedBy);
        await _facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, Percentage: 0, Users: ["alice"]));
    }

    private async Task<(string ServedBy, string Baggage)> SendAsync(string? token, string? baggage)
    {
        var probe = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Path}?probe={probe}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (baggage is not null)
        {
            request.Headers.TryAddWithoutValidation("baggage", baggage);
        }

        using var response = await _facade.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var servedBy = response.Headers.GetValues(StranglerHeaders.ServedBy).Single();
        var backend = servedBy == FacadeFixture.StandInName ? backends.Service : backends.Monolith;
        var index = backend.ReceivedTargets.ToList().FindIndex(target => target.Contains(probe, StringComparison.Ordinal));
        var received = backend.ReceivedHeaders.ElementAt(index);
        return (servedBy, received.GetValueOrDefault("baggage") ?? "");
    }

    /// <summary>The baggage with one character of the stamp's decisions changed, its signature left as it was.</summary>
    private static string Tamper(string baggage) => string.Join(',', baggage.Split(',').Select(member =>
    {
        if (!member.Contains("strangler.route", StringComparison.Ordinal))
        {
            return member;
        }

        var dot = member.LastIndexOf('.');
        return member[..(dot - 1)] + (member[dot - 1] == 'A' ? 'B' : 'A') + member[dot..];
    }));

    /// <summary>A stamp made the way the façade makes one, with a secret of the test's choosing.</summary>
    private static string Stamp(string user, DateTimeOffset expires, string secret)
    {
        var payload = Encoding.UTF8.GetBytes($$"""{"u":"{{user}}","s":{"catalog-read":"service"},"e":{{expires.ToUnixTimeSeconds()}}}""");
        return "strangler.route=" + Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }
}
