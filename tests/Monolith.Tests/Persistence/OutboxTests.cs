using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Monolith.Tests.Fixtures;

namespace Monolith.Tests.Persistence;

/// <summary>Each change that others must learn about leaves an event in its own module's outbox, and a refused one leaves none.</summary>
public abstract class OutboxTests(ShopFixture fixture) : ShopTests(fixture)
{
    [Fact]
    public async Task A_created_product_leaves_one_created_event_at_version_1()
    {
        var created = await ReadJsonAsync(await Admin.PostAsJsonAsync("/api/catalog/products", new
        {
            sku = "OUTBOX-1", name = "Evented", description = "", category = "kitchen", price = new { amount = 3m, currency = "EUR" }, stockOnHand = 1,
        }), HttpStatusCode.Created);

        var events = Events("Catalog", (string)created["id"]!);
        var created1 = Assert.Single(events);
        Assert.Equal(("catalog.product-created.v1", 1L), (created1.Type, created1.Version));
    }

    [Fact]
    public async Task An_order_leaves_events_in_each_module_with_the_aggregates_versions()
    {
        await SetStockAsync(FirstSku, 10);
        var product = await GetProductBySkuAsync(FirstSku);
        var order = await ReadJsonAsync(await PlaceOrderAsync(Guid.NewGuid(), (FirstSku, 1)), HttpStatusCode.Created);
        var after = await GetProductBySkuAsync(FirstSku);

        var stock = Events("Catalog", (string)product["id"]!);
        Assert.Equal((long)after["version"]!, stock[^1].Version);
        Assert.Equal("catalog.stock-changed.v1", stock[^1].Type);
        Assert.Equal(Enumerable.Range(1, stock.Count).Select(v => (long)v), stock.Select(e => e.Version));
        Assert.Equal([("ordering.order-placed.v1", 1L)], Events("Ordering", (string)order["id"]!).Select(e => (e.Type, e.Version)));
        Assert.Equal([("payments.payment-authorised.v1", 1L)], Events("Payments", (string)order["paymentId"]!).Select(e => (e.Type, e.Version)));
    }

    [Fact]
    public async Task A_refused_order_leaves_no_event_anywhere()
    {
        await SetStockAsync(FirstSku, 1);
        var before = (Count("Catalog"), Count("Ordering"), Count("Payments"));

        await AssertProblemAsync(await PlaceOrderAsync(Guid.NewGuid(), ("SKU-00002", 1), (FirstSku, 5)), HttpStatusCode.Conflict);

        Assert.Equal(before, (Count("Catalog"), Count("Ordering"), Count("Payments")));
    }

    private List<(string Type, long Version)> Events(string module, string aggregateId)
    {
        using var connection = Shop.OpenConnection(module);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"EventType\", \"AggregateVersion\" FROM {Shop.Table(module, "OutboxMessages")} WHERE \"AggregateId\" = @id ORDER BY \"Sequence\"";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = aggregateId;
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        var events = new List<(string, long)>();
        while (reader.Read())
        {
            events.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return events;
    }

    private long Count(string module)
    {
        using DbConnection connection = Shop.OpenConnection(module);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Shop.Table(module, "OutboxMessages")}";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

[Collection(PostgresShop.Name)]
public sealed class OutboxTests_on_PostgreSql(PostgresShopFixture fixture) : OutboxTests(fixture);

[Collection(SqliteShop.Name)]
public sealed class OutboxTests_on_Sqlite(SqliteShopFixture fixture) : OutboxTests(fixture);
