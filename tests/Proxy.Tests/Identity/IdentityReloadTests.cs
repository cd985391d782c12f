using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure;
using Testing.Infrastructure.Identity;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Identity;

/// <summary>
/// Identity settings reload with the manifest, as a key rotation or turning Auth on needs: the next
/// request after a valid edit is checked by the new settings, and an invalid edit (Auth on with no keys
/// to check by) is refused while the previous settings keep serving.
/// </summary>
public sealed class IdentityReloadTests(StandInPair backends) : IClassFixture<StandInPair>
{
    private const string NewKey = "cm90YXRlZC1zaWduaW5nLWtleS0wMTIzNDU2Nzg5LWFiY2RlZg==";
    private readonly string _file = Path.Combine(TestRun.TempFolder("identity-manifest"), "manifest.json");

    [Fact]
    public async Task A_rotated_key_and_a_changed_Auth_take_effect_without_a_restart_and_an_invalid_edit_changes_nothing()
    {
        await WriteAsync(auth: "None", key: TestTokens.Key);
        await using var facade = await FacadeServer.StartAsync(new FacadeSettings().NewSqliteStore(), jsonFile: _file);
        var oldToken = TestTokens.For("alice");
        var newToken = TestTokens.Mint("alice", [], TimeSpan.FromMinutes(10), key: NewKey);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(facade, token: null));

        // Auth on: anonymous callers are refused from the next reload on.
        await WriteAsync(auth: "Required", key: TestTokens.Key);
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => await StatusAsync(facade, token: null) == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(facade, oldToken));

        // The key rotated: the old key's tokens are refused, the new key's let in.
        await WriteAsync(auth: "Required", key: NewKey);
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => await StatusAsync(facade, oldToken) == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(facade, newToken));

        // Auth with no keys at all is refused; the rotated key keeps serving.
        await WriteAsync(auth: "Required", key: null);
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            (await facade.Admin.GetStringAsync(AdminRoutes.Manifest)).Contains("Authentication is missing", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(facade, newToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(facade, token: null));
    }

    private static async Task<HttpStatusCode> StatusAsync(FacadeServer facade, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/items");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await facade.Client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task WriteAsync(string auth, string? key)
    {
        var strangler = new JsonObject
        {
            ["DefaultCluster"] = "monolith",
            ["Clusters"] = new JsonObject
            {
                ["monolith"] = new JsonObject { ["Destinations"] = new JsonArray(backends.Monolith.BaseAddress.ToString()) },
                ["stand-in"] = new JsonObject { ["Destinations"] = new JsonArray(backends.Service.BaseAddress.ToString()) },
            },
            ["Capabilities"] = new JsonObject
            {
                ["catalog"] = new JsonObject
                {
                    ["Routes"] = new JsonArray(new JsonObject { ["Path"] = "/api/catalog/{**rest}" }),
                    ["Legacy"] = "monolith",
                    ["Service"] = "stand-in",
                    ["Auth"] = auth,
                },
            },
        };
        if (key is not null)
        {
            strangler["Authentication"] = new JsonObject
            {
                ["Issuer"] = TestTokens.Issuer,
                ["Audience"] = TestTokens.Audience,
                ["SigningKeys"] = new JsonObject { [TestTokens.KeyId] = key },
            };
        }

        // Write then move, as editors do, so the watcher never reads a half-written file.
        var temporary = _file + ".tmp";
        await File.WriteAllTextAsync(temporary, new JsonObject { ["Strangler"] = strangler }.ToJsonString());
        File.Move(temporary, _file, overwrite: true);
    }
}
