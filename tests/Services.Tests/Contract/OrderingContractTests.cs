using System.Net;
using System.Net.Http.Json;
using Services.Tests.Fixtures;

namespace Services.Tests.Contract;

/// <summary>
/// The ordering contract, run against the monolith and against ordering-service: both place,
/// read, list and cancel orders alike (the service calling the monolith's stock and payments over
/// HTTP), and both refuse bad requests with the same problems.
/// </summary>
public abstract class OrderingContractTests(SideBySideFixture sides) : SideBySideTests(sides)
{
    private const string Sku = "SKU-00003";

    public static TheoryData<string> Sides => [Monolith, OrderingService];

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Placing_an_order_takes_stock_and_authorises_the_total(string side)
    {
        var before = await ProductAsync(Sku);
        var price = (decimal)before["price"]!["amount"]!;

        var response = await Client(side).PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 2 } } });

        var order = await ReadJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/orders/{order["id"]}", response.Headers.Location?.OriginalString);
        Assert.Equal("Placed", (string)order["status"]!);
        Assert.Equal(price * 2, (decimal)order["total"]!["amount"]!);
        Assert.Equal((int)before["stockOnHand"]! - 2, (int)(await ProductAsync(Sku))["stockOnHand"]!);
        var payment = await ReadJsonAsync(await Systems.Monolith.Client.GetAsync($"/api/payments/{order["paymentId"]}"), HttpStatusCode.OK);
        Assert.Equal("Authorised", (string)payment["status"]!);
        var read = await ReadJsonAsync(await Client(side).GetAsync($"/api/orders/{order["id"]}"), HttpStatusCode.OK);
        Assert.Equal(order.ToJsonString(), read.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Cancelling_gives_the_stock_back_voids_the_payment_and_cannot_happen_twice(string side)
    {
        var stock = (int)(await ProductAsync(Sku))["stockOnHand"]!;
        var order = await ReadJsonAsync(
            await Client(side).PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity = 3 } } }),
            HttpStatusCode.Created);

        await AssertProblemAsync(await Client(side).PostAsJsonAsync($"/api/orders/{order["id"]}/cancel", new { version = 7 }), HttpStatusCode.Conflict);
        var cancelled = await ReadJsonAsync(await Client(side).PostAsJsonAsync($"/api/orders/{order["id"]}/cancel", new { reason = "changed my mind" }), HttpStatusCode.OK);

        Assert.Equal("Cancelled", (string)cancelled["status"]!);
        Assert.Equal("changed my mind", (string)cancelled["cancellationReason"]!);
        Assert.Equal(2, (long)cancelled["version"]!);
        Assert.Equal(stock, (int)(await ProductAsync(Sku))["stockOnHand"]!);
        var payment = await ReadJsonAsync(await Systems.Monolith.Client.GetAsync($"/api/payments/{order["paymentId"]}"), HttpStatusCode.OK);
        Assert.Equal("Voided", (string)payment["status"]!);
        await AssertProblemAsync(await Client(side).PostAsJsonAsync($"/api/orders/{order["id"]}/cancel", new { }), HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Too_little_stock_is_a_409_that_takes_nothing(string side)
    {
        var stock = (int)(await ProductAsync(Sku))["stockOnHand"]!;

        await AssertProblemAsync(
            await Client(side).PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = "SKU-00001", quantity = 1 }, new { sku = Sku, quantity = stock + 1 } } }),
            HttpStatusCode.Conflict);

        Assert.Equal(stock, (int)(await ProductAsync(Sku))["stockOnHand"]!);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task A_declined_payment_is_a_402_and_the_stock_goes_back(string side)
    {
        var expensive = (await ReadJsonAsync(await Systems.Monolith.Client.GetAsync("/api/catalog/products?sort=-price&pageSize=1"), HttpStatusCode.OK))["items"]![0]!;
        var sku = (string)expensive["sku"]!;
        var stock = (int)expensive["stockOnHand"]!;
        // Enough of the dearest product to pass the sample's 10,000 authorisation limit.
        var quantity = (int)Math.Ceiling(10_001m / (decimal)expensive["price"]!["amount"]!);
        await ReadJsonAsync(
            await Systems.Monolith.Admin.PostAsJsonAsync($"/api/catalog/products/{expensive["id"]}/stock-adjustments", new { delta = quantity, reason = "test" }), HttpStatusCode.OK);

        await AssertProblemAsync(
            await Client(side).PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku, quantity } } }), HttpStatusCode.PaymentRequired);

        Assert.Equal(stock + quantity, (int)(await ProductAsync(sku))["stockOnHand"]!);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task A_customers_orders_come_newest_first(string side)
    {
        var customer = Guid.NewGuid();
        foreach (var quantity in new[] { 1, 2, 3 })
        {
            await ReadJsonAsync(
                await Client(side).PostAsJsonAsync("/api/orders", new { customerId = customer, lines = new[] { new { sku = Sku, quantity } } }), HttpStatusCode.Created);
        }

        var page = await ReadJsonAsync(await Client(side).GetAsync($"/api/customers/{customer}/orders?pageSize=2"), HttpStatusCode.OK);

        Assert.Equal(3, (int)page["totalCount"]!);
        Assert.Equal([3, 2], page["items"]!.AsArray().Select(order => (int)order!["lines"]![0]!["quantity"]!));
    }

    public static TheoryData<string, string> BadOrders => new()
    {
        { "no customer, no lines", """{"customerId":"00000000-0000-0000-0000-000000000000","lines":[]}""" },
        { "bad lines", """{"customerId":"6d1f1a8e-0000-4000-8000-000000000001","lines":[{"sku":"","quantity":0},{"sku":"SKU-00001","quantity":1001}]}""" },
        { "unknown SKU", """{"customerId":"6d1f1a8e-0000-4000-8000-000000000001","lines":[{"sku":"NOPE-1","quantity":1}]}""" },
        { "not JSON", "{" },
        { "wrong type", """{"customerId":"6d1f1a8e-0000-4000-8000-000000000001","lines":[{"sku":"SKU-00001","quantity":"two"}]}""" },
        { "missing lines", """{"customerId":"6d1f1a8e-0000-4000-8000-000000000001"}""" },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task The_service_refuses_each_bad_order_as_the_monolith_does(string why, string body)
    {
        Assert.NotEmpty(why);
        foreach (var side in new[] { Monolith, OrderingService })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.BadRequest, (await Client(side).PostAsync("/api/orders", content)).StatusCode);
        }

        await AssertSameAnswerAsync(Monolith, OrderingService, HttpMethod.Post, "/api/orders", System.Text.Json.JsonDocument.Parse(body.Length > 1 ? body : "null").RootElement);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task A_json_body_in_a_charset_other_than_utf8_is_a_415_that_takes_nothing(string side)
    {
        var before = (int)(await ProductAsync(Sku))["stockOnHand"]!;
        var body = new StringContent($"{{\"customerId\":\"{Guid.NewGuid()}\",\"lines\":[{{\"sku\":\"{Sku}\",\"quantity\":1}}]}}");
        body.Headers.Remove("Content-Type");
        body.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=ebcdic");

        var response = await Client(side).PostAsync("/api/orders", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (int)(await ProductAsync(Sku))["stockOnHand"]!);
    }

    [Fact]
    public async Task The_service_answers_each_read_as_the_monolith_does()
    {
        var customer = await SomeCustomerAsync();
        var order = (await ReadJsonAsync(await Systems.Monolith.Client.GetAsync($"/api/customers/{customer}/orders"), HttpStatusCode.OK))["items"]![0]!;
        foreach (var path in new[]
                 {
                     $"/api/orders/{order["id"]}", $"/api/orders/{Guid.Empty}", "/api/orders/not-an-id",
                     $"/api/customers/{customer}/orders", $"/api/customers/{customer}/orders?page=2&pageSize=1",
                     $"/api/customers/{customer}/orders?pageSize=0", $"/api/customers/{Guid.NewGuid()}/orders",
                 })
        {
            await AssertSameAnswerAsync(Monolith, OrderingService, HttpMethod.Get, path);
        }

        await AssertSameAnswerAsync(Monolith, OrderingService, HttpMethod.Post, $"/api/orders/{Guid.Empty}/cancel", new { });
        await AssertSameAnswerAsync(Monolith, OrderingService, HttpMethod.Post, $"/api/orders/{order["id"]}/cancel", new { reason = new string('x', 201) });
    }
}

[Collection(SqliteSides.Name)]
public sealed class OrderingContractOnSqlite(SqliteSideBySide sides) : OrderingContractTests(sides);

[Collection(PostgresSides.Name)]
public sealed class OrderingContractOnPostgres(PostgresSideBySide sides) : OrderingContractTests(sides);
