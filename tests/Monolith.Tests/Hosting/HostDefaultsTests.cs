using Testing.Infrastructure.Servers;
using Strangler.ServiceDefaults.Settings;

namespace Monolith.Tests.Hosting;

/// <summary>The shop hosts' own safety defaults: admin keys long enough to resist guessing.</summary>
public sealed class HostDefaultsTests
{
    [Theory]
    [InlineData("k")]
    [InlineData("dev-admin-key")]
    [InlineData("0123456789012345678901234567890")]
    public async Task An_admin_key_shorter_than_32_characters_is_refused_at_start_with_the_reason(string key)
    {
        var refused = await Assert.ThrowsAsync<InvalidSettingsException>(() =>
            ShopServer.StartOnSqliteAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = key }));

        Assert.Equal(
            [$"Admin:ApiKey is {key.Length} characters long; an admin key needs at least 32 (for example the output of 'openssl rand -base64 32')."],
            refused.Problems);
    }

    [Fact]
    public async Task An_admin_key_of_32_characters_starts()
    {
        await using var shop = await ShopServer.StartOnSqliteAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = new string('k', 32) });
        Assert.NotNull(shop.BaseAddress);
    }
}
