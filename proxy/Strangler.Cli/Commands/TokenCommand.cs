using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler token --user NAME [--group G]...</c>: mints a signed development token (HS256 JWT) for a
/// user and groups, and prints it alone on a line, for <c>Authorization: Bearer $(strangler token …)</c>.
/// By default it signs with the sample's development key, issuer and audience, which the sample's
/// façade, monolith and services accept in Development; <c>--key</c> (or <c>STRANGLER_TOKEN_KEY</c>) signs
/// with a team's own development key. Never a production identity provider's stand-in.
/// </summary>
internal static class TokenCommand
{
    /// <summary>The sample's development signing key (base64, 32 bytes); public, so only ever for local use.</summary>
    public const string SampleKey = "OCfWz3fDoRXgXY1pcdc/4OSZWo4YjXs+KY1bD2seYJI=";
    public const string SampleKeyId = "dev";
    public const string SampleIssuer = "strangler-sample";
    public const string SampleAudience = "strangler-sample";
    public const string KeyVariable = "STRANGLER_TOKEN_KEY";
    private const int MaxNameLength = 128;

    public static Command Create(TextWriter output)
    {
        var user = new Option<string>("--user") { Description = "The user the token is for: its 'sub' claim, which canary targeting reads.", Required = true };
        var groups = new Option<string[]>("--group") { Description = "A group the user belongs to ('groups' claim); repeat for several.", AllowMultipleArgumentsPerToken = false };
        var minutes = new Option<int>("--minutes") { Description = "How long the token is valid, in minutes (1 to 1440; default 60).", DefaultValueFactory = _ => 60 };
        minutes.MustBeWithin(1, 1440, " minutes");
        var key = new Option<string?>("--key") { Description = $"The signing key, base64 of at least 32 bytes (default: {KeyVariable}, else the sample's development key)." };
        var keyId = new Option<string>("--key-id") { Description = "The key's id ('kid' header), as the key is named under Authentication:SigningKeys (default: dev).", DefaultValueFactory = _ => SampleKeyId };
        var issuer = new Option<string>("--issuer") { Description = "The 'iss' claim (default: strangler-sample).", DefaultValueFactory = _ => SampleIssuer };
        var audience = new Option<string>("--audience") { Description = "The 'aud' claim (default: strangler-sample).", DefaultValueFactory = _ => SampleAudience };
        var command = new Command("token", "Mint a development bearer token for a user and groups, signed with the sample's development key (or --key).")
        {
            user, groups, minutes, key, keyId, issuer, audience,
        };
        command.SetAction(parse =>
        {
            var name = Checked("--user", parse.GetValue(user));
            var memberOf = (parse.GetValue(groups) ?? []).Select(group => Checked("--group", group)).ToArray();
            var secret = KeyBytes(parse.GetValue(key) ?? Environment.GetEnvironmentVariable(KeyVariable) ?? SampleKey);
            var now = DateTimeOffset.UtcNow;
            output.WriteLine(Mint(secret, parse.GetValue(keyId)!, parse.GetValue(issuer)!, parse.GetValue(audience)!, name, memberOf, now, now.AddMinutes(parse.GetValue(minutes))));
            return 0;
        });
        return command;
    }

    /// <summary>A compact JWT: header and claims as base64url JSON, signed with HMAC-SHA256 over both.</summary>
    public static string Mint(byte[] key, string keyId, string issuer, string audience, string user, IReadOnlyList<string> groups, DateTimeOffset issuedAt, DateTimeOffset expires)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = keyId });
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = user,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        if (groups.Count > 0)
        {
            claims["groups"] = groups;
        }

        var signed = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        return signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, System.Text.Encoding.ASCII.GetBytes(signed)));
    }

    private static string Checked(string option, string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > MaxNameLength
            ? throw new CliException($"{option} must be 1 to {MaxNameLength} characters; got '{value}'.", exitCode: 2)
            : value.Trim();

    private static byte[] KeyBytes(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new CliException("The signing key is not base64; expected at least 32 bytes, such as the output of 'openssl rand -base64 32'.", exitCode: 2);
        }

        return bytes.Length >= 32 ? bytes
            : throw new CliException($"The signing key is {bytes.Length} bytes long; HS256 needs at least 32.", exitCode: 2);
    }
}
