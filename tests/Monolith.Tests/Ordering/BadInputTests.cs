using System.Net;
using System.Text;
using Monolith.Tests.Fixtures;

namespace Monolith.Tests.Ordering;

public abstract class BadInputTests(ShopFixture fixture) : ShopTests(fixture)
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_places_nothing()
    {
        var problem = await AssertProblemAsync(await Client.PostAsync("/api/orders", Json("{\"customerId\": ")), HttpStatusCode.BadRequest);
        Assert.Contains("$", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.NotNull(problem["correlationId"]);
    }

    [Theory]
    [InlineData("application/json; charset=ebcdic")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/problem+json; charset=utf-16")]
    public async Task A_json_body_in_a_charset_other_than_utf8_is_a_415_problem_and_places_nothing(string contentType)
    {
        var before = await StockOfAsync(FirstSku);
        var body = new StringContent($"{{\"customerId\":\"{Guid.NewGuid()}\",\"lines\":[{{\"sku\":\"{FirstSku}\",\"quantity\":1}}]}}");
        body.Headers.Remove("Content-Type");
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var problem = await AssertProblemAsync(await Client.PostAsync("/api/orders", body), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("send JSON as UTF-8", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(before, await StockOfAsync(FirstSku));
    }

    [Fact]
    public async Task A_string_where_a_number_belongs_is_a_400_naming_the_json_path()
    {
        var body = $"{{\"customerId\":\"{Guid.NewGuid()}\",\"lines\":[{{\"sku\":\"{FirstSku}\",\"quantity\":\"2\"}}]}}";
        var problem = await AssertProblemAsync(await Client.PostAsync("/api/orders", Json(body)), HttpStatusCode.BadRequest);
        Assert.Contains("$.lines[0].quantity", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_field_is_a_400_naming_it()
    {
        var problem = await AssertProblemAsync(await Client.PostAsync("/api/orders", Json("{\"lines\":[]}")), HttpStatusCode.BadRequest);
        Assert.Contains("customerId", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_and_zero_quantities_are_refused_per_line()
    {
        var before = await StockOfAsync(FirstSku);
        var response = await PlaceOrderAsync(Guid.NewGuid(), (FirstSku, -1), ("SKU-00002", 0));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "lines[0].quantity");
        Assert.Equal(before, await StockOfAsync(FirstSku));
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_a_400_naming_the_parameter()
    {
        var problem = await AssertProblemAsync(await Client.GetAsync("/api/catalog/products?page=abc"), HttpStatusCode.BadRequest);
        Assert.Contains("page", (string)problem["detail"]!, StringComparison.OrdinalIgnoreCase);
        await AssertProblemAsync(await Client.GetAsync("/api/catalog/products?pageSize=1000"), HttpStatusCode.BadRequest, "pageSize");
        await AssertProblemAsync(await Client.GetAsync("/api/catalog/products?minPrice=10&maxPrice=5"), HttpStatusCode.BadRequest, "minPrice");
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var huge = $"{{\"customerId\":\"{Guid.NewGuid()}\",\"lines\":[{{\"sku\":\"{new string('A', 400_000)}\",\"quantity\":1}}]}}";
        await AssertProblemAsync(await Client.PostAsync("/api/orders", Json(huge)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Concurrent_orders_for_the_last_item_let_exactly_one_win()
    {
        await SetStockAsync(FirstSku, 1);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PlaceOrderAsync(Guid.NewGuid(), (FirstSku, 1))));

        Assert.Equal(1, attempts.Count(response => response.StatusCode == HttpStatusCode.Created));
        Assert.All(attempts.Where(response => response.StatusCode != HttpStatusCode.Created),
            response => Assert.Equal(HttpStatusCode.Conflict, response.StatusCode));
        Assert.Equal(0, await StockOfAsync(FirstSku));
    }

    [Fact]
    public async Task A_wrong_admin_key_is_a_401_and_changes_nothing()
    {
        using var intruder = new HttpClient { BaseAddress = Shop.BaseAddress };
        intruder.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-key");
        var product = await GetProductBySkuAsync(FirstSku);
        var response = await intruder.DeleteAsync($"/api/catalog/products/{product["id"]}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await GetProductBySkuAsync(FirstSku);
    }
}

[Collection(PostgresShop.Name)]
public sealed class BadInputTests_on_PostgreSql(PostgresShopFixture fixture) : BadInputTests(fixture);

[Collection(SqliteShop.Name)]
public sealed class BadInputTests_on_Sqlite(SqliteShopFixture fixture) : BadInputTests(fixture);
