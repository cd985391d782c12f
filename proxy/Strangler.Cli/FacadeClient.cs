using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strangler.Cli;

/// <summary>The admin API over HTTP. A refusal comes back as the façade's ProblemDetails, turned into one readable message.</summary>
internal sealed class FacadeClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    private readonly HttpClient _http;

    public FacadeClient(Uri baseAddress, string? key, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        if (!string.IsNullOrEmpty(key))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<T> PatchAsync<T>(string path, object body, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<T> PostAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path), cancellationToken);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new CliException($"Cannot reach the façade at {_http.BaseAddress}: {exception.Message}. Is it running? (--url or STRANGLER_URL)");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"The façade at {_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(DescribeRefusal(response.StatusCode, body));
            }

            return JsonSerializer.Deserialize<T>(body, Json)
                ?? throw new CliException($"The façade answered {(int)response.StatusCode} with an empty body.");
        }
    }

    private static string DescribeRefusal(HttpStatusCode status, string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            var text = $"{(int)status} {Text(root, "title")} {Text(root, "detail")}".TrimEnd();
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    text += $"{Environment.NewLine}  {field.Name}: {string.Join(" ", field.Value.EnumerateArray().Select(e => e.GetString()))}";
                }
            }

            return text;
        }
        catch (JsonException)
        {
            return $"{(int)status} {status}: {body}";
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// A failure to tell the user in one message: exit code 1 when the façade or a system refused or could
/// not be reached, 2 when the input itself cannot be used (a malformed file, say) and nothing was sent.
/// </summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
