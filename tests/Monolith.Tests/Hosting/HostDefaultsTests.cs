using Shop.BuildingBlocks.Hosting;
using Testing.Infrastructure.Servers;
using Shop.BuildingBlocks.Settings;

namespace Monolith.Tests.Hosting;

/// <summary>The shop hosts' own safety defaults: admin keys long enough to resist guessing, and a warning when Development settings face the network.</summary>
public sealed class HostDefaultsTests
{
    [Theory]
    [InlineData("k")]
    [InlineData("dev-admin-key")]
    [InlineData("0123456789012345678901234567890")]
    public async Task An_admin_key_shorter_than_32_characters_is_refused_at_start_with_the_reason(string key)
    {
        var refused = await Assert.ThrowsAsync<InvalidConfigurationException>(() =>
            ShopServer.StartOnSqliteAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = key }));

        Assert.Equal(
            $"Admin:ApiKey is {key.Length} characters long; an admin key needs at least 32 (for example the output of 'openssl rand -base64 32').",
            refused.Message);
    }

    [Fact]
    public async Task An_admin_key_of_32_characters_starts()
    {
        await using var shop = await ShopServer.StartOnSqliteAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = new string('k', 32) });
        Assert.NotNull(shop.BaseAddress);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5100", false)]
    [InlineData("http://localhost:5100", false)]
    [InlineData("http://[::1]:5100", false)]
    [InlineData("https://127.0.0.2:443", false)]
    [InlineData("http://0.0.0.0:5100", true)]
    [InlineData("http://[::]:5100", true)]
    [InlineData("http://*:5100", true)]
    [InlineData("http://+:80", true)]
    [InlineData("http://192.168.1.20:5100", true)]
    [InlineData("http://shop.example.com:5100", true)]
    public void Only_loopback_addresses_are_kept_from_the_development_warning(string address, bool exposed) =>
        Assert.Equal(exposed, ExposureWarning.NonLoopback([address]).Count == 1);
}
