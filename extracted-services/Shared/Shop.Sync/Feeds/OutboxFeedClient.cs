using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Sync.Outbox;

namespace Shop.Sync.Feeds;

/// <summary>Reads another system's outbox feed over HTTP (<see cref="OutboxFeedApi"/>).</summary>
public sealed class OutboxFeedClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<OutboxFeedPage> ReadAsync(FeedOptions feed, long after, CancellationToken cancellationToken) =>
        GetAsync<OutboxFeedPage>(http, feed, $"/api/outbox/{feed.Module}?after={after}&limit={feed.BatchSize}", Json, cancellationToken);

    /// <summary>
    /// A GET to the system a feed names, with its admin key; a refusal becomes an
    /// <see cref="HttpRequestException"/> carrying the other side's answer. The backfill reads the
    /// export through it too.
    /// </summary>
    internal static async Task<T> GetAsync<T>(HttpClient http, FeedOptions feed, string pathAndQuery, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(feed.Url!, pathAndQuery));
        if (feed.ApiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", feed.ApiKey);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{request.RequestUri} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<T>(json, cancellationToken)
            ?? throw new HttpRequestException($"{request.RequestUri} answered an empty body.");
    }
}
