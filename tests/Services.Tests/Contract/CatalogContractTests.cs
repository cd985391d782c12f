using System.Net;
using Services.Tests.Fixtures;

namespace Services.Tests.Contract;

/// <summary>
/// The catalog read contract, run against the monolith and against catalog-service on the same data:
/// every test passes on both sides, and every listed request gets the same answer from both.
/// </summary>
public abstract class CatalogContractTests(SideBySideFixture sides) : SideBySideTests(sides)
{
    public static TheoryData<string> Sides => [Monolith, CatalogService];

    protected override bool Writes => false;

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Products_come_twenty_to_a_page_sorted_by_name(string side)
    {
        var page = await ReadJsonAsync(await Client(side).GetAsync("/api/catalog/products"), HttpStatusCode.OK);

        var names = page["items"]!.AsArray().Select(item => (string)item!["name"]!).ToList();
        Assert.Equal(20, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(60, (int)page["totalCount"]!);
        Assert.Equal(3, (int)page["totalPages"]!);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Category_price_and_search_filters_combine(string side)
    {
        var page = await ReadJsonAsync(
            await Client(side).GetAsync("/api/catalog/products?category=kitchen&minPrice=10&maxPrice=300&sort=-price&pageSize=100"), HttpStatusCode.OK);

        var items = page["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.Equal("kitchen", (string)item!["category"]!));
        var prices = items.Select(item => (decimal)item!["price"]!["amount"]!).ToList();
        Assert.All(prices, price => Assert.InRange(price, 10m, 300m));
        Assert.Equal(prices.OrderDescending(), prices);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task A_bad_query_is_one_problem_naming_every_bad_parameter(string side)
    {
        var problem = await AssertProblemAsync(
            await Client(side).GetAsync("/api/catalog/products?page=0&pageSize=500&minPrice=9&maxPrice=1&sort=colour"), HttpStatusCode.BadRequest, "page");

        foreach (var field in new[] { "pageSize", "minPrice", "sort" })
        {
            Assert.NotNull(problem["errors"]![field]);
        }
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task A_product_is_found_by_id_and_by_sku_and_an_unknown_one_is_a_404_problem(string side)
    {
        var bySku = await ReadJsonAsync(await Client(side).GetAsync("/api/catalog/products/by-sku/SKU-00007"), HttpStatusCode.OK);
        var byId = await ReadJsonAsync(await Client(side).GetAsync($"/api/catalog/products/{bySku["id"]}"), HttpStatusCode.OK);

        Assert.Equal(bySku.ToJsonString(), byId.ToJsonString());
        var missing = await AssertProblemAsync(await Client(side).GetAsync($"/api/catalog/products/{Guid.Empty}"), HttpStatusCode.NotFound);
        Assert.Contains(Guid.Empty.ToString(), (string)missing["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Categories_count_every_product_once(string side)
    {
        var categories = await ReadJsonAsync(await Client(side).GetAsync("/api/catalog/categories"), HttpStatusCode.OK);

        Assert.Equal(6, categories.AsArray().Count);
        Assert.Equal(60, categories.AsArray().Sum(category => (int)category!["productCount"]!));
    }

    public static TheoryData<string> Reads =>
    [
        "/api/catalog/products",
        "/api/catalog/products?page=2&pageSize=7",
        "/api/catalog/products?page=9",
        "/api/catalog/products?sort=-price&pageSize=50",
        "/api/catalog/products?sort=price&minPrice=100.5&maxPrice=250",
        "/api/catalog/products?sort=-createdAt&category=garden",
        "/api/catalog/products?sort=sku&search=OAK",
        "/api/catalog/products?search=%20steel%20",
        "/api/catalog/products?category=no-such-category",
        "/api/catalog/products?page=0&pageSize=0",
        "/api/catalog/products?minPrice=-1&maxPrice=1.234",
        "/api/catalog/products?sort=colour",
        "/api/catalog/products?pageSize=abc",
        "/api/catalog/products/by-sku/SKU-00042",
        "/api/catalog/products/by-sku/NOPE",
        "/api/catalog/products/00000000-0000-0000-0000-000000000000",
        "/api/catalog/products/not-a-guid",
        "/api/catalog/categories",
    ];

    [Theory]
    [MemberData(nameof(Reads))]
    public Task The_service_answers_each_read_as_the_monolith_does(string path) =>
        AssertSameAnswerAsync(Monolith, CatalogService, HttpMethod.Get, path);
}

[Collection(SqliteSides.Name)]
public sealed class CatalogContractOnSqlite(SqliteSideBySide sides) : CatalogContractTests(sides);

[Collection(PostgresSides.Name)]
public sealed class CatalogContractOnPostgres(PostgresSideBySide sides) : CatalogContractTests(sides);
