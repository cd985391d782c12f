using System.Net.Http.Headers;
using System.Text.Json;
using Strangler.Contracts;

namespace Strangler.AppHost.Readiness;

/// <summary>
/// What "ready" means for each kind of part, asked over HTTP as any client or orchestrator would ask:
/// a shop host (monolith or service) answers its readiness check and every sync feed it reads has
/// completed a pull; the façade answers its readiness check and sees every cluster Healthy.
/// </summary>
internal static class ReadinessProbes
{
    public static async Task<string?> ShopHostAsync(HttpClient http, SamplePart part, CancellationToken cancellationToken)
    {
        if (await ReadyCheckAsync(http, part, "/health/ready", cancellationToken) is { } notReady)
        {
            return notReady;
        }

        using var feeds = await GetJsonAsync(http, part, "/api/sync/status", cancellationToken);
        var waiting = feeds.RootElement.EnumerateArray()
            .Where(feed => feed.GetProperty("source").ValueKind != JsonValueKind.Null)
            .Where(feed => feed.GetProperty("lastPolledAt").ValueKind == JsonValueKind.Null || feed.GetProperty("lastError").ValueKind != JsonValueKind.Null)
            .Select(feed => $"sync feed {feed.GetProperty("feed").GetString()} from {feed.GetProperty("source").GetString()} has not completed a pull"
                + (feed.GetProperty("lastError").GetString() is { } error ? $" ({error})" : ""))
            .ToList();
        return waiting.Count == 0 ? null : string.Join("; ", waiting);
    }

    public static async Task<string?> FacadeAsync(HttpClient http, SamplePart part, CancellationToken cancellationToken)
    {
        if (await ReadyCheckAsync(http, part, AdminRoutes.Health + "/ready", cancellationToken) is { } notReady)
        {
            return notReady;
        }

        using var capabilities = await GetJsonAsync(http, part, AdminRoutes.Capabilities, cancellationToken);
        var clusters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var capability in capabilities.RootElement.EnumerateArray())
        {
            clusters[capability.GetProperty("legacyCluster").GetString()!] = capability.GetProperty("legacyHealth").GetString()!;
            clusters[capability.GetProperty("serviceCluster").GetString()!] = capability.GetProperty("serviceHealth").GetString()!;
        }

        var unhealthy = clusters.Where(c => c.Value != nameof(ClusterHealth.Healthy)).Select(c => $"{c.Key} {c.Value}").ToList();
        return unhealthy.Count == 0 ? null : "its health checks see " + string.Join(", ", unhealthy);
    }

    private static async Task<string?> ReadyCheckAsync(HttpClient http, SamplePart part, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(part.BaseAddress, path), cancellationToken);
        return response.IsSuccessStatusCode
            ? null
            : $"{path} answers {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, SamplePart part, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(part.BaseAddress, path));
        if (part.AdminKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{path} answers {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }
}
