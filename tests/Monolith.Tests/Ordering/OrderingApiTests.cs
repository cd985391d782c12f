using System.Net;
using System.Net.Http.Json;
using Monolith.Tests.Fixtures;
using Shop.BuildingBlocks.Seeding;

namespace Monolith.Tests.Ordering;

public abstract class OrderingApiTests(ShopFixture fixture) : ShopTests(fixture)
{
    private readonly Guid _customer = Guid.NewGuid();

    [Fact]
    public async Task Placing_an_order_reserves_stock_and_authorises_the_total()
    {
        await SetStockAsync(FirstSku, 10);
        var price = (decimal)(await GetProductBySkuAsync(FirstSku))["price"]!["amount"]!;

        var order = await ReadJsonAsync(await PlaceOrderAsync(_customer, (FirstSku, 3)), HttpStatusCode.Created);

        Assert.Equal("Placed", (string)order["status"]!);
        Assert.Equal(price * 3, (decimal)order["total"]!["amount"]!);
        Assert.Equal(7, await StockOfAsync(FirstSku));
        var payment = await ReadJsonAsync(await Client.GetAsync($"/api/payments/{order["paymentId"]}"), HttpStatusCode.OK);
        Assert.Equal("Authorised", (string)payment["status"]!);
        Assert.Equal(price * 3, (decimal)payment["authorised"]!["amount"]!);
    }

    [Fact]
    public async Task Cancelling_returns_the_stock_and_voids_the_payment_once()
    {
        await SetStockAsync(FirstSku, 10);
        var order = await ReadJsonAsync(await PlaceOrderAsync(_customer, (FirstSku, 4)), HttpStatusCode.Created);

        var cancelled = await ReadJsonAsync(await Client.PostAsJsonAsync($"/api/orders/{order["id"]}/cancel", new { reason = "test" }), HttpStatusCode.OK);

        Assert.Equal("Cancelled", (string)cancelled["status"]!);
        Assert.Equal(10, await StockOfAsync(FirstSku));
        var payment = await ReadJsonAsync(await Client.GetAsync($"/api/payments/{order["paymentId"]}"), HttpStatusCode.OK);
        Assert.Equal("Voided", (string)payment["status"]!);
        await AssertProblemAsync(await Client.PostAsJsonAsync($"/api/orders/{order["id"]}/cancel", new { reason = "again" }), HttpStatusCode.Conflict);
        Assert.Equal(10, await StockOfAsync(FirstSku));
    }

    [Fact]
    public async Task Cancelling_after_capture_refunds_what_was_captured()
    {
        await SetStockAsync(FirstSku, 10);
        var order = await ReadJsonAsync(await PlaceOrderAsync(_customer, (FirstSku, 2)), HttpStatusCode.Created);
        await ReadJsonAsync(await Admin.PostAsJsonAsync($"/api/payments/{order["paymentId"]}/capture", new { }), HttpStatusCode.OK);

        await ReadJsonAsync(await Client.PostAsJsonAsync($"/api/orders/{order["id"]}/cancel", new { }), HttpStatusCode.OK);

        var payment = await ReadJsonAsync(await Client.GetAsync($"/api/payments/{order["paymentId"]}"), HttpStatusCode.OK);
        Assert.Equal("Refunded", (string)payment["status"]!);
        Assert.Equal((decimal)payment["captured"]!["amount"]!, (decimal)payment["refunded"]!["amount"]!);
    }

    [Fact]
    public async Task Insufficient_stock_on_any_line_is_a_409_and_reserves_nothing()
    {
        await SetStockAsync(FirstSku, 5);
        await SetStockAsync("SKU-00002", 1);

        var response = await PlaceOrderAsync(_customer, (FirstSku, 2), ("SKU-00002", 2));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("SKU-00002", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(5, await StockOfAsync(FirstSku));
        Assert.Equal(1, await StockOfAsync("SKU-00002"));
    }

    [Fact]
    public async Task A_declined_payment_is_a_402_and_gives_the_stock_back()
    {
        await SetStockAsync(FirstSku, 1000);

        var response = await PlaceOrderAsync(_customer, (FirstSku, 1000));

        await AssertProblemAsync(response, HttpStatusCode.PaymentRequired);
        Assert.Equal(1000, await StockOfAsync(FirstSku));
        var orders = await ReadJsonAsync(await Client.GetAsync($"/api/customers/{_customer}/orders"), HttpStatusCode.OK);
        Assert.Equal(0, (int)orders["totalCount"]!);
    }

    [Fact]
    public async Task A_customers_orders_are_listed_newest_first_in_pages()
    {
        await SetStockAsync(FirstSku, 50);
        var placed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            placed.Add((string)(await ReadJsonAsync(await PlaceOrderAsync(_customer, (FirstSku, 1)), HttpStatusCode.Created))["id"]!);
        }

        var first = await ReadJsonAsync(await Client.GetAsync($"/api/customers/{_customer}/orders?pageSize=2"), HttpStatusCode.OK);
        var second = await ReadJsonAsync(await Client.GetAsync($"/api/customers/{_customer}/orders?pageSize=2&page=2"), HttpStatusCode.OK);

        Assert.Equal(3, (int)first["totalCount"]!);
        var listed = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(order => (string)order!["id"]!).ToList();
        Assert.Equal(Enumerable.Reverse(placed), listed);
    }

    [Fact]
    public async Task An_unknown_sku_is_named_in_a_400_and_an_unknown_order_is_a_404()
    {
        await AssertProblemAsync(await PlaceOrderAsync(_customer, ("NO-SUCH-SKU", 1)), HttpStatusCode.BadRequest, "lines[0].sku");
        await AssertProblemAsync(await Client.GetAsync($"/api/orders/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await Client.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/cancel", new { }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancels_racing_on_one_order_end_in_one_cancellation_and_409s_never_a_500()
    {
        await SetStockAsync(FirstSku, 10);
        var order = await ReadJsonAsync(await PlaceOrderAsync(_customer, (FirstSku, 2)), HttpStatusCode.Created);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.PostAsJsonAsync($"/api/orders/{order["id"]}/cancel", new { })));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(10, await StockOfAsync(FirstSku));
    }

    [Fact]
    public async Task The_seeded_sample_has_orders_whose_payments_exist()
    {
        var found = 0;
        for (var c = 1; c <= 6; c++)
        {
            var orders = await ReadJsonAsync(
                await Client.GetAsync($"/api/customers/{DeterministicGuid.Create($"customer/{c:D3}")}/orders"), HttpStatusCode.OK);
            foreach (var order in orders["items"]!.AsArray())
            {
                found++;
                await ReadJsonAsync(await Client.GetAsync($"/api/payments/{order!["paymentId"]}"), HttpStatusCode.OK);
            }
        }

        Assert.True(found > 0, "the sample should contain orders");
    }
}

[Collection(PostgresShop.Name)]
public sealed class OrderingApiTests_on_PostgreSql(PostgresShopFixture fixture) : OrderingApiTests(fixture);

[Collection(SqliteShop.Name)]
public sealed class OrderingApiTests_on_Sqlite(SqliteShopFixture fixture) : OrderingApiTests(fixture);
