using System.Net;
using System.Net.Http.Json;
using Monolith.Tests.Fixtures;

namespace Monolith.Tests.Catalog;

public abstract class CatalogApiTests(ShopFixture fixture) : ShopTests(fixture)
{
    [Fact]
    public async Task Paging_walks_the_whole_catalog_once_without_repeats()
    {
        var seen = new HashSet<string>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await ReadJsonAsync(await Client.GetAsync($"/api/catalog/products?page={page}&pageSize=25"), HttpStatusCode.OK);
            Assert.Equal(60, (int)body["totalCount"]!);
            Assert.Equal(3, (int)body["totalPages"]!);
            foreach (var item in body["items"]!.AsArray())
            {
                Assert.True(seen.Add((string)item!["id"]!), "a product appeared on two pages");
            }
        }

        Assert.Equal(60, seen.Count);
    }

    [Fact]
    public async Task Category_and_price_filters_return_only_matching_products()
    {
        var body = await ReadJsonAsync(
            await Client.GetAsync("/api/catalog/products?category=garden&minPrice=50&maxPrice=300&pageSize=100"), HttpStatusCode.OK);
        var items = body["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            Assert.Equal("garden", (string)item!["category"]!);
            Assert.InRange((decimal)item["price"]!["amount"]!, 50m, 300m);
        });
    }

    [Fact]
    public async Task Sorting_by_price_descending_orders_every_page()
    {
        var body = await ReadJsonAsync(await Client.GetAsync("/api/catalog/products?sort=-price&pageSize=100"), HttpStatusCode.OK);
        var prices = body["items"]!.AsArray().Select(item => (decimal)item!["price"]!["amount"]!).ToList();
        Assert.Equal(prices.OrderByDescending(price => price), prices);
    }

    [Fact]
    public async Task Search_matches_sku_name_and_description_ignoring_case()
    {
        var bySku = await ReadJsonAsync(await Client.GetAsync("/api/catalog/products?search=sku-0000&pageSize=100"), HttpStatusCode.OK);
        Assert.Equal(9, (int)bySku["totalCount"]!);

        var product = await GetProductBySkuAsync(FirstSku);
        var word = ((string)product["name"]!).Split(' ')[^1].ToUpperInvariant();
        var byName = await ReadJsonAsync(await Client.GetAsync($"/api/catalog/products?search={word}&pageSize=100"), HttpStatusCode.OK);
        Assert.Contains(byName["items"]!.AsArray(), item => (string)item!["sku"]! == FirstSku);
    }

    [Fact]
    public async Task A_product_is_the_same_by_id_and_by_sku_and_an_unknown_id_is_a_404_problem()
    {
        var bySku = await GetProductBySkuAsync(FirstSku);
        var byId = await ReadJsonAsync(await Client.GetAsync($"/api/catalog/products/{bySku["id"]}"), HttpStatusCode.OK);
        Assert.Equal(bySku.ToJsonString(), byId.ToJsonString());
        Assert.EndsWith("Z", (string)byId["createdAt"]!, StringComparison.Ordinal);

        var problem = await AssertProblemAsync(await Client.GetAsync($"/api/catalog/products/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Contains("No product has the id", (string)problem["detail"]!, StringComparison.Ordinal);
        await AssertProblemAsync(await Client.GetAsync("/api/catalog/products/by-sku/NOPE-1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_a_product_needs_the_admin_key_and_a_unique_sku()
    {
        var product = new { sku = "NEW-1", name = "Test Kettle", description = "boils", category = "kitchen", price = new { amount = 19.99m, currency = "EUR" }, stockOnHand = 7 };
        var anonymous = await AssertProblemAsync(await Client.PostAsJsonAsync("/api/catalog/products", product), HttpStatusCode.Unauthorized);
        Assert.Equal("Send the admin key as 'Authorization: Bearer <key>'.", (string)anonymous["detail"]!);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/products") { Content = JsonContent.Create(product) };
        wrongKey.Headers.Authorization = new("Bearer", new string('x', 40));
        var refused = await AssertProblemAsync(await Client.SendAsync(wrongKey), HttpStatusCode.Unauthorized);
        Assert.Equal("The admin key is not one of the configured keys.", (string)refused["detail"]!);

        var created = await Admin.PostAsJsonAsync("/api/catalog/products", product);
        var body = await ReadJsonAsync(created, HttpStatusCode.Created);
        Assert.Equal($"/api/catalog/products/{body["id"]}", created.Headers.Location?.ToString());
        Assert.Equal(19.99m, (decimal)body["price"]!["amount"]!);
        Assert.Equal(1, (long)body["version"]!);

        var duplicate = await Admin.PostAsJsonAsync("/api/catalog/products", product);
        await AssertProblemAsync(duplicate, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_product_fields_are_each_named_and_nothing_is_created()
    {
        var response = await Admin.PostAsJsonAsync("/api/catalog/products", new
        {
            sku = "bad sku", name = "", category = "no-such-category", price = new { amount = 1.999m, currency = "euro" }, stockOnHand = -1,
        });
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "sku");
        foreach (var field in new[] { "name", "category", "price.amount", "price.currency", "stockOnHand" })
        {
            Assert.NotNull(problem["errors"]![field]);
        }

        var all = await ReadJsonAsync(await Client.GetAsync("/api/catalog/products?pageSize=1"), HttpStatusCode.OK);
        Assert.Equal(60, (int)all["totalCount"]!);
    }

    [Fact]
    public async Task An_update_with_a_stale_version_is_a_409_and_changes_nothing()
    {
        var product = await GetProductBySkuAsync(FirstSku);
        var update = new { name = "Renamed", description = "new", category = "kitchen", price = new { amount = 5m, currency = "EUR" }, version = (long)product["version"]! };
        var first = await ReadJsonAsync(await Admin.PutAsJsonAsync($"/api/catalog/products/{product["id"]}", update), HttpStatusCode.OK);
        Assert.Equal((long)product["version"]! + 1, (long)first["version"]!);

        var stale = await Admin.PutAsJsonAsync($"/api/catalog/products/{product["id"]}", update with { name = "Lost update" });
        await AssertProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("Renamed", (string)(await GetProductBySkuAsync(FirstSku))["name"]!);
    }

    [Fact]
    public async Task A_deleted_product_is_gone()
    {
        var product = await GetProductBySkuAsync(FirstSku);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/catalog/products/{product["id"]}")).StatusCode);
        await AssertProblemAsync(await Client.GetAsync($"/api/catalog/products/{product["id"]}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Admin.DeleteAsync($"/api/catalog/products/{product["id"]}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Stock_never_goes_below_zero_through_an_adjustment()
    {
        await SetStockAsync(FirstSku, 3);
        var product = await GetProductBySkuAsync(FirstSku);
        var response = await Admin.PostAsJsonAsync($"/api/catalog/products/{product["id"]}/stock-adjustments", new { delta = -4, reason = "count" });
        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(3, await StockOfAsync(FirstSku));

        var added = await ReadJsonAsync(
            await Admin.PostAsJsonAsync($"/api/catalog/products/{product["id"]}/stock-adjustments", new { delta = 10, reason = "delivery" }), HttpStatusCode.OK);
        Assert.Equal(13, (int)added["stockOnHand"]!);
    }

    [Fact]
    public async Task Categories_are_listed_with_their_product_counts()
    {
        var categories = await ReadJsonAsync(await Client.GetAsync("/api/catalog/categories"), HttpStatusCode.OK);
        Assert.Equal(6, categories.AsArray().Count);
        Assert.Equal(60, categories.AsArray().Sum(category => (int)category!["productCount"]!));
    }
}

[Collection(PostgresShop.Name)]
public sealed class CatalogApiTests_on_PostgreSql(PostgresShopFixture fixture) : CatalogApiTests(fixture);

[Collection(SqliteShop.Name)]
public sealed class CatalogApiTests_on_Sqlite(SqliteShopFixture fixture) : CatalogApiTests(fixture);
