using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Strangler.Comparison;

namespace Services.Tests.Fixtures;

/// <summary>Base of the side-by-side tests: a fresh sample on every side before each test, and helpers that take a side by name.</summary>
public abstract class SideBySideTests(SideBySideFixture sides) : IAsyncLifetime
{
    public const string Monolith = "monolith";
    public const string CatalogService = "catalog-service";
    public const string OrderingService = "ordering-service";

    /// <summary>Problems carry the request's own correlation and trace ids: never the same twice.</summary>
    private static readonly ResponseComparer SameAnswer = new(ComparisonRules.Strict.Ignoring(["$.traceId", "$.correlationId"]));

    protected SideBySideFixture Systems => sides;

    /// <summary>Whether the test changes data; read-only tests share one reset.</summary>
    protected virtual bool Writes => true;

    public Task InitializeAsync() => sides.EnsureFreshAsync();

    public Task DisposeAsync()
    {
        if (Writes)
        {
            sides.Changed();
        }

        return Task.CompletedTask;
    }

    protected HttpClient Client(string side) => side switch
    {
        Monolith => sides.Monolith.Client,
        CatalogService => sides.Catalog.Client,
        OrderingService => sides.Ordering.Client,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Not a side."),
    };

    /// <summary>Sends the same request to both sides and asserts the answers match: status, media type and JSON, field by field.</summary>
    protected async Task AssertSameAnswerAsync(string legacy, string candidate, HttpMethod method, string path, object? body = null)
    {
        var answers = new List<CapturedResponse>();
        foreach (var side in new[] { legacy, candidate })
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await Client(side).SendAsync(request);
            answers.Add(CapturedResponse.Of((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync()));
        }

        var result = SameAnswer.Compare(answers[0], answers[1]);
        Assert.True(result.Matched, $"{method} {path}: {string.Join("; ", result.Differences.Select(d => $"{d.Where}: {d.Legacy} vs {d.Candidate}"))}");
    }

    protected async Task<JsonNode> ProductAsync(string sku) =>
        await ReadJsonAsync(await sides.Monolith.Client.GetAsync($"/api/catalog/products/by-sku/{sku}"), HttpStatusCode.OK);

    protected async Task<Guid> SomeCustomerAsync()
    {
        var orders = await ReadJsonAsync(await sides.Monolith.Admin.GetAsync("/api/sync/export/orders?pageSize=1"), HttpStatusCode.OK);
        return (Guid)orders["items"]![0]!["customerId"]!;
    }
}
