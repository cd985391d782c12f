using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Services.Tests.Fixtures;
using Testing.Infrastructure.Identity;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Identity;

/// <summary>
/// The monolith and each service check the same tokens the façade does: a backend does not take the
/// façade's word for who is asking. A bad token is a 401 problem at the backend too; a good one or none
/// is served; the admin endpoints keep their key, and a user's token does not open them.
/// </summary>
[Collection(SqliteSides.Name)]
public sealed class BackendTokenTests(SqliteSideBySide sides) : SideBySideTests(sides)
{
    protected override bool Writes => false;

    [Theory]
    [InlineData("monolith")]
    [InlineData("catalog-service")]
    [InlineData("ordering-service")]
    public async Task Each_backend_refuses_a_forged_token_and_serves_a_valid_one(string backend)
    {
        var address = backend switch
        {
            "monolith" => Systems.Monolith.BaseAddress,
            "catalog-service" => Systems.Catalog.BaseAddress,
            _ => Systems.Ordering.BaseAddress,
        };
        var path = backend == "ordering-service" ? $"/api/customers/{Guid.NewGuid()}/orders" : "/api/catalog/categories";
        using var http = new HttpClient { BaseAddress = address };

        using var forged = await GetAsync(http, path, TestTokens.Mint("alice", [], TimeSpan.FromMinutes(10), key: TestTokens.ForeignKey));
        using var expired = await GetAsync(http, path, TestTokens.Mint("alice", [], TimeSpan.FromMinutes(-5)));
        using var valid = await GetAsync(http, path, TestTokens.For("alice"));
        using var none = await GetAsync(http, path, null);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using (var problem = JsonDocument.Parse(await forged.Content.ReadAsStringAsync()))
        {
            Assert.Contains("signature", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    [Fact]
    public async Task The_admin_endpoints_keep_their_key_and_a_user_token_does_not_open_them()
    {
        using var http = new HttpClient { BaseAddress = Systems.Monolith.BaseAddress };

        using var byToken = await GetAsync(http, "/api/sync/status", TestTokens.For("alice"));
        using var byKey = await GetAsync(http, "/api/sync/status", ShopServer.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, byToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byKey.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await http.SendAsync(request);
    }
}
