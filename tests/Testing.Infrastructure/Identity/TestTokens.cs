using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Testing.Infrastructure.Identity;

/// <summary>
/// Bearer tokens for the tests, minted by Microsoft.IdentityModel (not by the CLI under test), and the
/// settings every test host accepts them by: one issuer, one audience, one signing key.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "strangler-tests";
    public const string Audience = "strangler-tests";
    public const string KeyId = "test";
    public const string Key = "dGVzdC1zaWduaW5nLWtleS0wMTIzNDU2Nzg5LWFiY2RlZmdoaWo=";

    /// <summary>A key nobody configured: what a forger would sign with.</summary>
    public const string ForeignKey = "Zm9yZ2VkLXNpZ25pbmcta2V5LTAxMjM0NTY3ODktYWJjZGVmZ2hpag==";

    /// <summary>The settings, keyed under <paramref name="section"/> (<c>Authentication</c> for a shop host, <c>Strangler:Authentication</c> for the façade).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string section) =>
    [
        new($"{section}:Issuer", Issuer),
        new($"{section}:Audience", Audience),
        new($"{section}:SigningKeys:{KeyId}", Key),
    ];

    public static string For(string user, params string[] groups) => Mint(user, groups, TimeSpan.FromMinutes(10));

    public static string Mint(string user, IReadOnlyList<string> groups, TimeSpan lifetime, string key = Key, string audience = Audience)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", user) };
        claims.AddRange(groups.Select(group => new Claim("groups", group)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now + lifetime - TimeSpan.FromMinutes(20),
            NotBefore = now + lifetime - TimeSpan.FromMinutes(20),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)) { KeyId = KeyId }, SecurityAlgorithms.HmacSha256),
        });
    }
}
