using System.Net;
using System.Net.Http.Json;
using Monolith.Tests.Fixtures;

namespace Monolith.Tests.Payments;

public abstract class PaymentsApiTests(ShopFixture fixture) : ShopTests(fixture)
{
    [Fact]
    public async Task Only_what_was_captured_can_be_refunded()
    {
        var payment = await ReadJsonAsync(
            await Admin.PostAsJsonAsync("/api/payments", new { orderId = Guid.NewGuid(), amount = new { amount = 100m, currency = "EUR" } }),
            HttpStatusCode.Created);
        var id = payment["id"];
        await ReadJsonAsync(await Admin.PostAsJsonAsync($"/api/payments/{id}/capture", new { amount = 80m }), HttpStatusCode.OK);

        var partial = await ReadJsonAsync(await Admin.PostAsJsonAsync($"/api/payments/{id}/refund", new { amount = 30m, reason = "damaged" }), HttpStatusCode.OK);
        Assert.Equal("PartiallyRefunded", (string)partial["status"]!);

        var tooMuch = await Admin.PostAsJsonAsync($"/api/payments/{id}/refund", new { amount = 60m, reason = "more" });
        var problem = await AssertProblemAsync(tooMuch, HttpStatusCode.Conflict);
        Assert.Contains("50", (string)problem["detail"]!, StringComparison.Ordinal);
        await AssertProblemAsync(await Admin.PostAsJsonAsync($"/api/payments/{id}/void", new { }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Changing_a_payment_needs_the_admin_key()
    {
        var response = await Client.PostAsJsonAsync("/api/payments", new { orderId = Guid.NewGuid(), amount = new { amount = 1m, currency = "EUR" } });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertProblemAsync(await Client.GetAsync($"/api/payments/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }
}

[Collection(PostgresShop.Name)]
public sealed class PaymentsApiTests_on_PostgreSql(PostgresShopFixture fixture) : PaymentsApiTests(fixture);

[Collection(SqliteShop.Name)]
public sealed class PaymentsApiTests_on_Sqlite(SqliteShopFixture fixture) : PaymentsApiTests(fixture);
