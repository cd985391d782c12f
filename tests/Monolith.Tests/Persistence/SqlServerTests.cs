using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Testing.Infrastructure.Servers;

namespace Monolith.Tests.Persistence;

/// <summary>A fact that runs only where <c>STRANGLER_TEST_SQLSERVER</c> names a SQL Server (none can run on the CI machine).</summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string Variable = "STRANGLER_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Set {Variable} to a SQL Server connection string to run this test.";
        }
    }
}

public sealed class SqlServerTests
{
    [SqlServerFact]
    public async Task The_shop_migrates_seeds_and_takes_an_order_on_SQL_Server()
    {
        await using var shop = await ShopServer.StartAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["Database:ConnectionString"] = Environment.GetEnvironmentVariable(SqlServerFactAttribute.Variable),
        });

        var order = await shop.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = "SKU-00002", quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        var products = JsonNode.Parse(await shop.Client.GetStringAsync("/api/catalog/products?pageSize=1"))!;
        Assert.Equal(60, (int)products["totalCount"]!);
    }
}
