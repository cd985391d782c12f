using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.BuildingBlocks.Outbox;

namespace Shop.BuildingBlocks.Sync;

/// <summary>Reads another system's outbox feed over HTTP (<see cref="OutboxFeedApi"/>).</summary>
public sealed class OutboxFeedClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<OutboxFeedPage> ReadAsync(FeedOptions feed, long after, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(feed.Url!, $"/api/outbox/{feed.Module}?after={after}&limit={feed.BatchSize}"));
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

        return await response.Content.ReadFromJsonAsync<OutboxFeedPage>(Json, cancellationToken)
            ?? throw new HttpRequestException($"{request.RequestUri} answered an empty body.");
    }
}
