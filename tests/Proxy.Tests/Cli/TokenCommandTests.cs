using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure;
using Testing.Infrastructure.Identity;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Cli;

/// <summary>
/// <c>strangler token</c>: a token it mints is one the façade's JwtBearer accepts, with the user and
/// groups the canary targets; its defaults are the sample's development settings, which every part of
/// the sample accepts; a bad argument is exit 2 with a reason.
/// </summary>
public sealed class TokenCommandTests(StandInPair backends) : IClassFixture<StandInPair>
{
    [Fact]
    public async Task A_minted_token_is_accepted_and_targeted_by_its_groups()
    {
        await using var facade = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore().AcceptTestTokens().Auth(FacadeFixture.CatalogRead, "Required"));
        await facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, Percentage: 0, Groups: ["beta"]));
        await Eventually.HealthyAsync(facade, FacadeFixture.CatalogRead);

        var beta = await MintAsync("carol", "beta");
        var plain = await MintAsync("dave");

        Assert.Equal(FacadeFixture.StandInName, await ServedByAsync(facade, beta));
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync(facade, plain));
    }

    [Fact]
    public async Task Its_defaults_are_the_sample_settings_every_part_accepts()
    {
        var (exit, output) = await CliRun.RunAsync("token", "--user", "alice");
        Assert.Equal(0, exit);
        var parts = output.Trim().Split('.');
        Assert.Equal(3, parts.Length);
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));

        foreach (var (file, section) in new[]
        {
            ("proxy/Strangler.Facade/appsettings.Development.json", "Strangler"),
            ("legacy-monolith/Shop.Host/appsettings.Development.json", null),
            ("extracted-services/Catalog.Service/appsettings.Development.json", null),
            ("extracted-services/Ordering.Service/appsettings.Development.json", null),
        })
        {
            using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, file)));
            var root = section is null ? settings.RootElement : settings.RootElement.GetProperty(section);
            var authentication = root.GetProperty("Authentication");
            Assert.Equal(authentication.GetProperty("Issuer").GetString(), claims.RootElement.GetProperty("iss").GetString());
            Assert.Equal(authentication.GetProperty("Audience").GetString(), claims.RootElement.GetProperty("aud").GetString());
            var key = Convert.FromBase64String(authentication.GetProperty("SigningKeys").GetProperty("dev").GetString()!);
            var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            Assert.True(signature.AsSpan().SequenceEqual(Base64Url.DecodeFromChars(parts[2])), $"{file} does not accept the token's signature.");
        }

        Assert.Equal("alice", claims.RootElement.GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("--minutes", "0", "--minutes must be from 1 to 1440")]
    [InlineData("--key", "c2hvcnQ=", "5 bytes long")]
    [InlineData("--key", "not base64!", "not base64")]
    public async Task A_bad_argument_is_exit_2_with_the_reason(string option, string value, string reason)
    {
        var (exit, output) = await CliRun.RunAsync("token", "--user", "alice", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(reason, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_a_user_is_refused()
    {
        var (exit, output) = await CliRun.RunAsync("token");

        Assert.Equal(2, exit);
        Assert.Contains("--user", output, StringComparison.Ordinal);
    }

    private static async Task<string> MintAsync(string user, params string[] groups)
    {
        string[] args = ["token", "--user", user, "--key", TestTokens.Key, "--key-id", TestTokens.KeyId, "--issuer", TestTokens.Issuer, "--audience", TestTokens.Audience];
        var (exit, output) = await CliRun.RunAsync([.. args, .. groups.SelectMany(group => new[] { "--group", group })]);
        Assert.Equal(0, exit);
        return output.Trim();
    }

    private static async Task<string> ServedByAsync(FacadeServer facade, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await facade.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues(StranglerHeaders.ServedBy).Single();
    }
}
