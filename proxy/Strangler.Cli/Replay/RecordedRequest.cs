using System.Text.Json;

namespace Strangler.Cli.Replay;

/// <summary>
/// One request to replay, one JSON object per line: <c>{"method":"GET","path":"/api/x?y=1","headers":{...},
/// "body":"...","capability":"catalog-read"}</c>. The façade's recordings have this shape; a scenario
/// file written by hand needs only <c>path</c>.
/// </summary>
internal sealed record RecordedRequest(int Line, string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? Capability)
{
    private static readonly HashSet<string> Methods = new(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], StringComparer.Ordinal);

    /// <summary>Every request of the file, or every problem with it (by line), before anything is sent.</summary>
    public static (List<RecordedRequest> Requests, List<string> Problems) ReadAll(string file)
    {
        var requests = new List<RecordedRequest>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var request = Read(number, document.RootElement, problems);
                if (request is not null)
                {
                    requests.Add(request);
                }
            }
            catch (JsonException exception)
            {
                problems.Add($"line {number}: not JSON ({exception.Message.Split(" Path:")[0]})");
            }
        }

        if (requests.Count == 0 && problems.Count == 0)
        {
            problems.Add("the file holds no request.");
        }

        return (requests, problems);
    }

    private static RecordedRequest? Read(int line, JsonElement root, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"line {line}: expected an object such as {{\"method\":\"GET\",\"path\":\"/api/...\"}}.");
            return null;
        }

        var before = problems.Count;
        var method = String(root, "method")?.ToUpperInvariant() ?? "GET";
        if (!Methods.Contains(method))
        {
            problems.Add($"line {line}: method '{method}' is not one of {string.Join(", ", Methods)}.");
        }

        var path = String(root, "path");
        if (path is null || !path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            problems.Add($"line {line}: path '{path}' must be a path starting with one '/', e.g. /api/catalog/products?page=2.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("headers", out var headerElement) && headerElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headerElement.EnumerateObject())
            {
                headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
            }
        }

        byte[] body = [];
        if (String(root, "bodyBase64") is { } base64)
        {
            try
            {
                body = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                problems.Add($"line {line}: bodyBase64 is not base64.");
            }
        }
        else if (root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
        {
            body = System.Text.Encoding.UTF8.GetBytes(bodyElement.ValueKind == JsonValueKind.String ? bodyElement.GetString()! : bodyElement.GetRawText());
        }

        return problems.Count == before ? new RecordedRequest(line, method, path!, headers, body, String(root, "capability")) : null;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
