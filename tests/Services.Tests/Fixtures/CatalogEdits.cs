using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Fixtures;

/// <summary>A catalog change made on the monolith as its admin would make it, for tests that watch it travel (or not) to a service.</summary>
internal static class CatalogEdits
{
    /// <summary>Raises <paramref name="product"/>'s price by 10 on the monolith, at the version it was read at.</summary>
    public static async Task RaisePriceAsync(ShopServer monolith, JsonObject product)
    {
        var price = product["price"]!.AsObject();
        using var update = await monolith.Admin.PutAsJsonAsync($"/api/catalog/products/{product["id"]}", new
        {
            name = (string)product["name"]!,
            category = (string)product["category"]!,
            description = (string)product["description"]!,
            price = new { amount = (decimal)price["amount"]! + 10m, currency = (string)price["currency"]! },
            version = (long)product["version"]!,
        });
        Assert.True(update.IsSuccessStatusCode, await update.Content.ReadAsStringAsync());
    }
}
