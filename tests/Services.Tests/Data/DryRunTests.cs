using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Services.Tests.Fixtures;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Data;

/// <summary>
/// A write marked as a dry run (with the shared secret) runs in full and answers as a real one would,
/// and then nothing of it stays: not in the service, and not in the monolith it called.
/// </summary>
public abstract class DryRunTests(SideBySideFixture sides) : SideBySideTests(sides)
{
    private const string Sku = "SKU-00005";

    private async Task<HttpResponseMessage> PlaceAsync(string side, string? secret, int quantity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = Guid.NewGuid(), lines = new[] { new { sku = Sku, quantity } } }),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Strangler-Dry-Run", secret);
        }

        var response = await Client(side).SendAsync(request);
        _lastRequest = request;
        return response;
    }

    private HttpRequestMessage? _lastRequest;

    private async Task<(long Orders, long ServiceOutbox, long CatalogHead, int Stock)> FootprintAsync()
    {
        var catalogHead = await ReadJsonAsync(await Systems.Monolith.Admin.GetAsync("/api/outbox/catalog?after=0&limit=1"), HttpStatusCode.OK);
        return (
            await Systems.Ordering.ScalarAsync("SELECT COUNT(*) FROM {table}", "Orders"),
            await Systems.Ordering.ScalarAsync("SELECT COUNT(*) FROM {table}", "OutboxMessages"),
            (long)catalogHead["head"]!,
            (int)(await ProductAsync(Sku))["stockOnHand"]!);
    }

    [Theory]
    [InlineData(OrderingService)]
    [InlineData(Monolith)]
    public async Task A_dry_run_order_answers_like_a_real_one_and_leaves_nothing_behind(string side)
    {
        var before = await FootprintAsync();

        var response = await PlaceAsync(side, ServiceServer.DryRunSecret, quantity: 2);

        var order = await ReadJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("rolled-back", response.Headers.GetValues("X-Strangler-Dry-Run").Single());
        // The proof the façade and `strangler compare` check: derived from the secret and this request.
        Assert.True(Strangler.Contracts.DryRunAcknowledgement.IsIn(response, _lastRequest!, ServiceServer.DryRunSecret), "The answer lacks a valid X-Strangler-Dry-Run-Ack.");
        Assert.False(Strangler.Contracts.DryRunAcknowledgement.IsIn(response, _lastRequest!, ServiceServer.DryRunSecret + "-other"));
        Assert.Equal("Placed", (string)order["status"]!);
        Assert.Equal(2, (int)order["lines"]![0]!["quantity"]!);
        Assert.Equal(before, await FootprintAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Client(side).GetAsync($"/api/orders/{order["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Systems.Monolith.Client.GetAsync($"/api/payments/{order["paymentId"]}")).StatusCode);

        // The same order for real takes the stock the dry run only looked at.
        var real = await ReadJsonAsync(await PlaceAsync(side, secret: null, quantity: 2), HttpStatusCode.Created);
        Assert.Equal(before.Stock - 2, (await FootprintAsync()).Stock);
        Assert.Equal(((JsonNode)order["total"]!).ToJsonString(), ((JsonNode)real["total"]!).ToJsonString());
    }

    [Fact]
    public async Task A_dry_run_that_is_refused_is_refused_as_a_real_one_would_be()
    {
        var before = await FootprintAsync();

        var dry = await PlaceAsync(OrderingService, ServiceServer.DryRunSecret, quantity: before.Stock + 1);

        await AssertProblemAsync(dry, HttpStatusCode.Conflict);
        Assert.Equal(before, await FootprintAsync());
    }

    [Theory]
    [InlineData(OrderingService)]
    [InlineData(Monolith)]
    public async Task A_dry_run_marker_with_the_wrong_secret_is_refused_and_nothing_runs(string side)
    {
        var before = await FootprintAsync();

        var problem = await AssertProblemAsync(await PlaceAsync(side, "not-the-secret", quantity: 1), HttpStatusCode.Forbidden);

        Assert.Contains("does not match", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(before, await FootprintAsync());
    }
}

[Collection(SqliteSides.Name)]
public sealed class DryRunOnSqlite(SqliteSideBySide sides) : DryRunTests(sides);

[Collection(PostgresSides.Name)]
public sealed class DryRunOnPostgres(PostgresSideBySide sides) : DryRunTests(sides);
