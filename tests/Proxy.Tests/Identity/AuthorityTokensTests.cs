using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Proxy.Tests.Fixtures;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Identity;

/// <summary>
/// Tokens from an identity provider the façade finds by its <c>Authority</c>: a real Kestrel server on
/// loopback publishes OpenID metadata and an RSA key set, as Keycloak or Entra ID would. A token that
/// key signed is let in; one signed by any other key is a 401.
/// </summary>
public sealed class AuthorityTokensTests(StandInPair backends) : IClassFixture<StandInPair>, IAsyncLifetime
{
    private const string Audience = "shop-api";
    private readonly RSA _providerKey = RSA.Create(2048);
    private WebApplication _provider = null!;
    private string _issuer = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        var published = _providerKey.ExportParameters(includePrivateParameters: false);
        _provider.MapGet("/.well-known/openid-configuration", (HttpContext context) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _issuer,
            ["jwks_uri"] = _issuer + "jwks",
        }));
        _provider.MapGet("/jwks", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = "provider-key",
                    ["n"] = Base64Url.EncodeToString(published.Modulus), ["e"] = Base64Url.EncodeToString(published.Exponent),
                },
            },
        }));
        await _provider.StartAsync();
        _issuer = _provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        _providerKey.Dispose();
    }

    [Fact]
    public async Task A_token_the_providers_published_key_signed_is_let_in_and_another_is_not()
    {
        await using var facade = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore()
            .Set("Strangler:Authentication:Issuer", _issuer)
            .Set("Strangler:Authentication:Audience", Audience)
            .Set("Strangler:Authentication:Authority", _issuer)
            .Set("Strangler:Authentication:RequireHttpsMetadata", "false")
            .Auth(FacadeFixture.CatalogRead, "Required"));
        using var stranger = RSA.Create(2048);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(facade, Sign(_providerKey, "provider-key")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(facade, Sign(stranger, "provider-key")));
    }

    private string Sign(RSA key, string keyId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = _issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", "alice")]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
    });

    private static async Task<HttpStatusCode> StatusAsync(FacadeServer facade, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await facade.Client.SendAsync(request);
        return response.StatusCode;
    }
}
