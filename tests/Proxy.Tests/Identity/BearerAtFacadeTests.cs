using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Identity;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Identity;

/// <summary>
/// Authentication once, at the façade: where a capability's Auth is Required, a request without a
/// valid token gets a 401 problem and never reaches a backend; where it is Optional, no token passes
/// but a bad one does not. A valid token travels on to the side that answers, and to its shadow copy.
/// </summary>
public sealed class BearerAtFacadeTests(StandInPair backends) : IClassFixture<StandInPair>, IAsyncLifetime
{
    private const string Path = "/api/catalog/products";
    private FacadeServer _facade = null!;

    public async Task InitializeAsync() =>
        _facade = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore().AcceptTestTokens()
            .Auth(FacadeFixture.CatalogRead, "Required").Auth(FacadeFixture.Ordering, "Optional"));

    public async Task DisposeAsync() => await _facade.DisposeAsync();

    public static TheoryData<string, string?> Refused => new()
    {
        { "no token", null },
        { "expired", TestTokens.Mint("alice", [], lifetime: TimeSpan.FromMinutes(-5)) },
        { "forged", TestTokens.Mint("alice", [], TimeSpan.FromMinutes(10), key: TestTokens.ForeignKey) },
        { "another audience", TestTokens.Mint("alice", [], TimeSpan.FromMinutes(10), audience: "someone-else") },
        { "not a token", "dev-admin-key-for-local-use-only" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_required_route_refuses_a_missing_or_bad_token_and_forwards_nothing(string why, string? token)
    {
        var before = backends.Monolith.Requests + backends.Service.Requests;

        using var response = await SendAsync(HttpMethod.Get, Path, token);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(why switch
        {
            "no token" => "needs a bearer token",
            "expired" => "expired",
            "forged" => "signature",
            "another audience" => "audience",
            _ => "well-formed",
        }, detail, StringComparison.Ordinal);
        Assert.Equal(before, backends.Monolith.Requests + backends.Service.Requests);
    }

    [Fact]
    public async Task A_valid_token_is_let_in_and_travels_to_the_side_that_answers()
    {
        var token = TestTokens.For("alice");

        using var response = await SendAsync(HttpMethod.Get, Path + "?probe=token-travels", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () =>
            Task.FromResult(backends.Monolith.ReceivedHeaders.Any(h => h.GetValueOrDefault("Authorization") == "Bearer " + token))));
    }

    [Fact]
    public async Task An_optional_route_lets_anonymous_callers_in_but_not_a_bad_token()
    {
        using var anonymous = await SendAsync(HttpMethod.Get, "/api/orders/anything", token: null);
        using var forged = await SendAsync(HttpMethod.Get, "/api/orders/anything",
            TestTokens.Mint("alice", [], TimeSpan.FromMinutes(10), key: TestTokens.ForeignKey));
        using var valid = await SendAsync(HttpMethod.Get, "/api/orders/anything", TestTokens.For("alice"));

        Assert.NotEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, valid.StatusCode);
    }

    [Fact]
    public async Task A_shadow_copy_carries_the_same_token()
    {
        await _facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Shadow));
        var token = TestTokens.For("shadowed-user");

        using var response = await SendAsync(HttpMethod.Get, Path + "?probe=shadow-token", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () =>
            Task.FromResult(backends.Service.ReceivedHeaders.Any(h => h.GetValueOrDefault("Authorization") == "Bearer " + token))));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _facade.Client.SendAsync(request);
    }
}
