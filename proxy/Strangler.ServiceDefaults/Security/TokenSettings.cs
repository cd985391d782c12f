using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using Strangler.ServiceDefaults.Settings;

namespace Strangler.ServiceDefaults.Security;

/// <summary>
/// Which bearer tokens a host accepts: who issued them, for whom, and the keys that sign them. The
/// keys are either configured (<c>SigningKeys:&lt;id&gt;</c>, each a base64 HMAC key of at least 32
/// bytes, the sample's and the tests' way) or found in an identity provider's metadata
/// (<c>Authority</c>), the way a real deployment gets them. The façade and the services read the same
/// settings, so a token the façade let in is one each backend accepts too.
/// </summary>
public sealed record TokenSettings(
    string Issuer,
    string Audience,
    IReadOnlyList<SymmetricSecurityKey> SigningKeys,
    Uri? Authority,
    bool RequireHttpsMetadata,
    TimeSpan ClockSkew)
{
    public static readonly string[] Keys = ["Issuer", "Audience", "SigningKeys", "Authority", "RequireHttpsMetadata", "ClockSkew"];

    /// <summary>HMAC-SHA256 needs a key of at least 256 bits; a shorter one is refused at start.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>Reads the section, or returns null when it is absent (no token is validated then).</summary>
    public static TokenSettings? Read(IConfigurationSection section, List<string> problems)
    {
        if (!section.Exists())
        {
            return null;
        }

        var settings = new SettingReader(section, problems).Known(Keys);
        var issuer = Required(section, "Issuer", "the issuer ('iss') every accepted token names", problems);
        var audience = Required(section, "Audience", "the audience ('aud') every accepted token names", problems);
        var keys = ReadKeys(section.GetSection("SigningKeys"), problems);
        var authority = settings.Url("Authority", "https://login.example.com/realms/shop");
        if (keys.Count == 0 && authority is null)
        {
            problems.Add($"{section.Path} needs SigningKeys (each '<id>': a base64 key of at least {MinKeyBytes} bytes) or an Authority whose metadata publishes them.");
        }

        return new TokenSettings(
            issuer ?? "",
            audience ?? "",
            keys,
            authority,
            settings.Boolean("RequireHttpsMetadata", true),
            settings.Duration("ClockSkew", TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromMinutes(5)));
    }

    /// <summary>A digest of everything that decides which tokens pass, keys included, for telling two settings apart without showing a key.</summary>
    public string Fingerprint()
    {
        var text = string.Join('\n', [Issuer, Audience, Authority?.ToString() ?? "", RequireHttpsMetadata.ToString(), ClockSkew.ToString(),
            .. SigningKeys.Select(key => key.KeyId + "=" + Convert.ToBase64String(key.Key))]);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Sets a JwtBearer scheme to accept exactly these tokens, keeping the claims as the token names them (<c>sub</c>, <c>groups</c>).</summary>
    public void Apply(JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = RequireHttpsMetadata;
        if (Authority is not null)
        {
            options.Authority = Authority.ToString();
        }

        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKeys = SigningKeys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
            NameClaimType = "sub",
        };
    }

    /// <summary>Why a token was refused, in words a client can act on; never a key or the token itself.</summary>
    public static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException expired => $"The token expired at {expired.Expires:O}.",
        SecurityTokenNotYetValidException early => $"The token is not valid before {early.NotBefore:O}.",
        SecurityTokenNoExpirationException => "The token has no expiry ('exp'); tokens without one are refused.",
        SecurityTokenInvalidIssuerException => "The token's issuer ('iss') is not the one this system accepts.",
        SecurityTokenInvalidAudienceException => "The token's audience ('aud') is not this system.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature does not verify with any accepted key.",
        SecurityTokenMalformedException or ArgumentException => "The bearer value is not a well-formed JSON Web Token.",
        null => "No valid token.",
        _ => "The token was refused: " + failure.GetType().Name.Replace("Exception", "", StringComparison.Ordinal) + ".",
    };

    private static string? Required(IConfigurationSection section, string key, string why, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(section[key]))
        {
            problems.Add($"{section.Path}:{key} is required: {why}.");
            return null;
        }

        return section[key]!.Trim();
    }

    private static List<SymmetricSecurityKey> ReadKeys(IConfigurationSection section, List<string> problems)
    {
        var keys = new List<SymmetricSecurityKey>();
        foreach (var key in section.GetChildren())
        {
            byte[]? bytes = null;
            try
            {
                bytes = string.IsNullOrWhiteSpace(key.Value) ? null : Convert.FromBase64String(key.Value.Trim());
            }
            catch (FormatException)
            {
            }

            if (bytes is null)
            {
                problems.Add($"{key.Path} is not base64; expected a key of at least {MinKeyBytes} bytes (for example the output of 'openssl rand -base64 32').");
            }
            else if (bytes.Length < MinKeyBytes)
            {
                problems.Add($"{key.Path} is {bytes.Length} bytes long; a signing key needs at least {MinKeyBytes} (for example the output of 'openssl rand -base64 32').");
            }
            else
            {
                keys.Add(new SymmetricSecurityKey(bytes) { KeyId = key.Key });
            }
        }

        return keys;
    }
}
