using System.Net;
using Strangler.Contracts;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Routing;

/// <summary>The façade as shipped (its own appsettings.json, Development) in front of the real monolith.</summary>
public sealed class ShippedConfigurationTests
{
    [Fact]
    public async Task The_shipped_facade_configuration_fronts_the_monolith_with_every_capability_in_legacy()
    {
        await using var shop = await ShopServer.StartOnSqliteAsync();
        var store = Path.Combine(TestRun.TempFolder("flags"), "flags.db");
        var overrides = new FacadeSettings()
            .Set("Strangler:Clusters:monolith:Destinations:0", shop.BaseAddress.ToString())
            .Set("Strangler:FlagStore:SqlitePath", store)
            .Set("Strangler:Admin:Keys:" + FacadeServer.AdminKeyName, null);
        var contentRoot = Path.Combine(RepositoryRoot.Path, "proxy", "Strangler.Facade");

        await using var facade = await FacadeServer.StartAsync(overrides, environment: "Development", contentRoot: contentRoot);

        using var products = await facade.Client.GetAsync("/api/catalog/products?pageSize=1");
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
        Assert.Equal("monolith", products.Headers.GetValues(StranglerHeaders.ServedBy).Single());
        Assert.Contains("catalog-read", facade.Banner);
        Assert.Contains(facade.BaseAddress.ToString().TrimEnd('/'), facade.Banner);
        Assert.True(File.Exists(store), "The flag store was not created where Strangler:FlagStore:SqlitePath points.");

        // No key in the shipped Development settings: the local developer operates from loopback.
        using var list = await facade.Client.GetAsync(AdminRoutes.Capabilities);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public void An_admin_key_shorter_than_32_characters_is_refused_at_start_naming_the_key_not_its_value()
    {
        var contentRoot = Path.Combine(RepositoryRoot.Path, "proxy", "Strangler.Facade");

        var refused = Assert.Throws<InvalidOperationException>(() => Strangler.Facade.FacadeApplication.Build(
            [$"--contentRoot={contentRoot}", "--environment=Production", "--Strangler:Admin:Keys:ops=change-me", $"--Strangler:Admin:Keys:ci={new string('k', 32)}"]));

        Assert.Contains("Strangler:Admin:Keys:ops is 9 characters long; an admin key needs at least 32", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("change-me", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Keys:ci", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_content_root_that_is_no_folder_is_refused_at_start_naming_the_folder()
    {
        var missing = Path.Combine(TestRun.TempFolder("no-root"), "not-there");

        var refused = Assert.Throws<InvalidOperationException>(() => Strangler.Facade.FacadeApplication.Build([$"--contentRoot={missing}"]));

        Assert.Equal($"--contentRoot {missing}: there is no folder {missing}. Name the folder that holds the façade's appsettings.json.", refused.Message);
    }
}
