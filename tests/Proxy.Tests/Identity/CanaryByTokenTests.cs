using System.Net;
using System.Net.Http.Headers;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Identity;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Identity;

/// <summary>
/// Canary targeting by verified identity. One façade trusts <c>X-User-Id</c> (Auth None, as before);
/// the other checks tokens (Auth Optional), where the header no longer counts. The same users must be
/// split the same way by their tokens as they were by the header, and a header a client adds must
/// change nothing where tokens decide.
/// </summary>
public sealed class CanaryByTokenTests(StandInPair backends) : IClassFixture<StandInPair>, IAsyncLifetime
{
    private const string Path = "/api/catalog/categories";
    private static readonly string[] Users = [.. Enumerable.Range(0, 40).Select(i => $"user-{i}")];
    private FacadeServer _byHeader = null!;
    private FacadeServer _byToken = null!;

    public async Task InitializeAsync()
    {
        _byHeader = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore());
        _byToken = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore().AcceptTestTokens().Auth(FacadeFixture.CatalogRead, "Optional"));
        foreach (var facade in new[] { _byHeader, _byToken })
        {
            await facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, Percentage: 50));
            await Eventually.HealthyAsync(facade, FacadeFixture.CatalogRead);
        }
    }

    public async Task DisposeAsync()
    {
        await _byToken.DisposeAsync();
        await _byHeader.DisposeAsync();
    }

    [Fact]
    public async Task Tokens_split_users_exactly_as_the_header_did()
    {
        var byHeader = new List<string>();
        var byToken = new List<string>();
        foreach (var user in Users)
        {
            byHeader.Add(await ServedByAsync(_byHeader, userHeader: user));
            byToken.Add(await ServedByAsync(_byToken, token: TestTokens.For(user)));
        }

        Assert.Equal(byHeader, byToken);
        Assert.Contains(FacadeFixture.Monolith, byToken);
        Assert.Contains(FacadeFixture.StandInName, byToken);
    }

    [Fact]
    public async Task A_spoofed_user_header_changes_nothing_where_tokens_decide()
    {
        var sides = new Dictionary<string, string>();
        foreach (var user in Users)
        {
            sides[user] = await ServedByAsync(_byToken, token: TestTokens.For(user));
        }

        var legacyUser = sides.First(s => s.Value == FacadeFixture.Monolith).Key;
        var serviceUser = sides.First(s => s.Value == FacadeFixture.StandInName).Key;

        // A legacy-side user claiming to be a service-side one, and the other way round.
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync(_byToken, token: TestTokens.For(legacyUser), userHeader: serviceUser));
        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync(_byToken, token: TestTokens.For(serviceUser), userHeader: legacyUser));

        // Without a token the header does not count at all: every "user" is the one client address.
        var anonymous = new HashSet<string>();
        foreach (var user in Users)
        {
            anonymous.Add(await ServedByAsync(_byToken, userHeader: user));
        }

        Assert.Single(anonymous);
    }

    [Fact]
    public async Task Groups_come_from_the_token_not_from_a_header()
    {
        await _byToken.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, Percentage: 0, Groups: ["beta"]));

        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync(_byToken, token: TestTokens.For("carol", "beta")));
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync(_byToken, token: TestTokens.For("carol")));
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync(_byToken, token: TestTokens.For("carol"), groupsHeader: "beta"));
    }

    private static async Task<string> ServedByAsync(FacadeServer facade, string? token = null, string? userHeader = null, string? groupsHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (userHeader is not null)
        {
            request.Headers.Add("X-User-Id", userHeader);
        }

        if (groupsHeader is not null)
        {
            request.Headers.Add("X-User-Groups", groupsHeader);
        }

        using var response = await facade.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues(StranglerHeaders.ServedBy).Single();
    }
}
