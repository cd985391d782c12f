using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Routing;

/// <summary>Putting the façade in front, everything in Legacy, changes nothing a client can see but the added headers.</summary>
[Collection(ShopBehindFacade.Name)]
public sealed class FacadeInFrontTests(FacadeFixture fixture) : FacadeTests(fixture)
{
    public static TheoryData<string, string?> Requests => new()
    {
        { "GET", "/api/catalog/products?category=kitchen&sort=-price&pageSize=3" },
        { "GET", "/api/catalog/products/by-sku/SKU-00001" },
        { "GET", "/api/catalog/products/by-sku/NO-SUCH-SKU" },
        { "GET", "/api/catalog/products?pageSize=500" },
        { "GET", "/api/catalog/categories" },
        { "GET", "/api/customers/not-a-guid/orders" },
        { "GET", "/health/ready" },
        { "GET", "/no/such/path" },
        { "POST", "{\"customerId\":\"00000000-0000-0000-0000-000000000000\",\"lines\":[]}" },
        { "POST", "{ not json" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task In_legacy_mode_the_facade_answers_exactly_like_the_monolith(string method, string? pathOrBody)
    {
        var correlationId = Guid.NewGuid().ToString("N");
        using var direct = await SendAsync(Shop.Client, method, pathOrBody, correlationId);
        using var viaFacade = await SendAsync(Facade.Client, method, pathOrBody, correlationId);

        Assert.Equal(direct.StatusCode, viaFacade.StatusCode);
        Assert.Equal(direct.Content.Headers.ContentType?.ToString(), viaFacade.Content.Headers.ContentType?.ToString());
        Assert.Equal(WithoutTraceId(await direct.Content.ReadAsStringAsync()), WithoutTraceId(await viaFacade.Content.ReadAsStringAsync()));
        Assert.Equal(FacadeFixture.Monolith, ServedBy(viaFacade));
        Assert.Equal(correlationId, viaFacade.Headers.GetValues(StranglerHeaders.CorrelationId).Single());
    }

    [Fact]
    public async Task A_write_through_the_facade_in_legacy_mode_lands_in_the_monolith()
    {
        await Shop.ResetAsync();
        var customerId = Guid.NewGuid();
        using var response = await Facade.Client.PostAsJsonAsync("/api/orders", new { customerId, lines = new[] { new { sku = "SKU-00002", quantity = 2 } } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(FacadeFixture.Monolith, ServedBy(response));
        var orders = await Shop.Client.GetFromJsonAsync<JsonNode>($"/api/customers/{customerId}/orders");
        Assert.Single(orders!["items"]!.AsArray());
        Assert.Equal(0, StandIn.Requests - StandInRequestsBefore);
    }

    [Fact]
    public async Task A_client_correlation_id_reaches_the_backend_and_a_missing_one_is_created()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
        request.Headers.Add(StranglerHeaders.CorrelationId, "order-flow-42");
        using var response = await Facade.Client.SendAsync(request);
        Assert.Equal("order-flow-42", response.Headers.GetValues(StranglerHeaders.CorrelationId).Single());

        using var anonymous = await Facade.Client.GetAsync("/api/catalog/categories");
        Assert.Matches("^[0-9a-f]{32}$", anonymous.Headers.GetValues(StranglerHeaders.CorrelationId).Single());
    }

    [Fact]
    public async Task Internal_and_hop_by_hop_headers_from_clients_are_stripped_and_forwarded_headers_are_set()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Service));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
        request.Headers.TryAddWithoutValidation("x-strangler-anything", "forged");
        request.Headers.TryAddWithoutValidation(StranglerHeaders.ServedBy, "forged");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("X-Custom", "kept");
        request.Headers.Add(StranglerHeaders.CorrelationId, "hygiene-1");
        using var response = await Facade.Client.SendAsync(request);

        Assert.Equal(FacadeFixture.StandInName, ServedBy(response));
        var received = StandIn.ReceivedHeaders.Last();
        Assert.DoesNotContain(received.Keys, key => key.StartsWith("X-Strangler-", StringComparison.OrdinalIgnoreCase));
        Assert.False(received.ContainsKey(StranglerHeaders.ServedBy));
        Assert.False(received.ContainsKey("Keep-Alive"));
        Assert.Equal("127.0.0.1", received["X-Forwarded-For"]);
        Assert.True(received.ContainsKey("X-Forwarded-Host"));
        Assert.Equal("kept", received["X-Custom"]);
        Assert.Equal("hygiene-1", received[StranglerHeaders.CorrelationId]);
    }

    [Fact]
    public async Task Paths_under_the_facade_prefix_are_never_forwarded()
    {
        using var response = await Facade.Client.GetAsync("/strangler/not-an-endpoint");
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.False(response.Headers.Contains(StranglerHeaders.ServedBy));
    }

    [Fact]
    public async Task CONNECT_is_answered_501_by_the_facade_and_reaches_no_backend()
    {
        var status = await RawRequest.SendAsync(Facade.BaseAddress, "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n");

        Assert.Equal("501", status);
        Assert.Equal(0, StandIn.Requests - StandInRequestsBefore);
    }

    private int StandInRequestsBefore { get; } = fixture.StandIn.Requests;

    // ASP.NET puts a fresh W3C trace id in every problem body: two direct calls differ there too.
    private static string WithoutTraceId(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[0-9a-f-]+\",?", "");

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string? pathOrBody, string correlationId)
    {
        using var request = method == "POST"
            ? new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = new StringContent(pathOrBody!, System.Text.Encoding.UTF8, "application/json") }
            : new HttpRequestMessage(HttpMethod.Get, pathOrBody);
        request.Headers.Add(StranglerHeaders.CorrelationId, correlationId);
        return await client.SendAsync(request);
    }
}
