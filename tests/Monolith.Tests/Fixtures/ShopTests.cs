using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Testing.Infrastructure.Servers;

namespace Monolith.Tests.Fixtures;

/// <summary>Base of every API test: a freshly reset and reseeded shop before each test, and JSON helpers.</summary>
public abstract class ShopTests(ShopFixture fixture) : IAsyncLifetime
{
    public const string FirstSku = "SKU-00001";

    protected ShopServer Shop => fixture.Server;

    protected HttpClient Client => Shop.Client;

    protected HttpClient Admin => Shop.Admin;

    public Task InitializeAsync() => Shop.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected async Task<JsonNode> GetProductBySkuAsync(string sku) =>
        await ReadJsonAsync(await Client.GetAsync($"/api/catalog/products/by-sku/{sku}"), HttpStatusCode.OK);

    protected async Task<int> StockOfAsync(string sku) => (int)(await GetProductBySkuAsync(sku))["stockOnHand"]!;

    protected async Task<HttpResponseMessage> PlaceOrderAsync(Guid customerId, params (string Sku, int Quantity)[] lines) =>
        await Client.PostAsJsonAsync("/api/orders", new
        {
            customerId,
            lines = lines.Select(line => new { sku = line.Sku, quantity = line.Quantity }),
        });

    /// <summary>Sets a product's stock to exactly <paramref name="target"/> through the admin API.</summary>
    protected async Task SetStockAsync(string sku, int target)
    {
        var product = await GetProductBySkuAsync(sku);
        var delta = target - (int)product["stockOnHand"]!;
        if (delta != 0)
        {
            var response = await Admin.PostAsJsonAsync($"/api/catalog/products/{product["id"]}/stock-adjustments", new { delta, reason = "test setup" });
            await ReadJsonAsync(response, HttpStatusCode.OK);
        }
    }
}
