using System.Net.Http.Headers;
using System.Text.Json;

namespace Strangler.Cli.Reconcile;

/// <summary>
/// Reads a whole dataset from one side's export (<c>GET /api/sync/export/{dataset}?page=&amp;pageSize=</c>,
/// answering <c>{ items, page, pageSize, totalCount, totalPages }</c>): the protocol the sample's
/// monolith and services serve, and the one to add to a system of your own to reconcile it.
/// </summary>
internal sealed class ExportReader(Uri baseAddress, string? key, TimeSpan timeout) : IDisposable
{
    public const int PageSize = 100;
    public const int MaxRows = 1_000_000;
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = timeout };

    public async Task<IReadOnlyList<JsonElement>> ReadAllAsync(string dataset, CancellationToken cancellationToken) =>
        await ReadAllOrNullAsync(dataset, cancellationToken)
            ?? throw new CliException($"{baseAddress} has no export of {dataset} (GET /api/sync/export/{dataset} answered 404).");

    /// <summary>Every row, or null when this side exports no such dataset (a 404 on the first page).</summary>
    public async Task<IReadOnlyList<JsonElement>?> ReadAllOrNullAsync(string dataset, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sync/export/{Uri.EscapeDataString(dataset)}?page={page}&pageSize={PageSize}");
            if (key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new CliException($"{baseAddress} could not be read: {exception.Message}");
            }

            using (response)
            {
                if (page == 1 && response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return null;
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new CliException($"{request.RequestUri} answered {(int)response.StatusCode}: {body}");
                }

                using var document = ParseOrExplain(body, request.RequestUri!);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array
                    || !root.TryGetProperty("totalPages", out var totalPages) || !totalPages.TryGetInt32(out var pages))
                {
                    throw new CliException($"{request.RequestUri} is not an export page: expected {{ \"items\": [...], \"totalPages\": n }}.");
                }

                rows.AddRange(items.EnumerateArray().Select(item => item.Clone()));
                if (rows.Count > MaxRows)
                {
                    throw new CliException($"{baseAddress} exports more than {MaxRows} {dataset} rows; reconcile compares in memory and stops there.");
                }

                if (page >= pages)
                {
                    return rows;
                }
            }
        }
    }

    private static JsonDocument ParseOrExplain(string body, Uri uri)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new CliException($"{uri} did not answer JSON: {exception.Message.Split(" Path:")[0]}");
        }
    }

    public void Dispose() => _http.Dispose();
}
