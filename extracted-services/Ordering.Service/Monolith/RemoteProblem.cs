using System.Net;
using System.Text.Json;
using Shop.Kernel;

namespace Ordering.Service.Monolith;

/// <summary>Reads an RFC 9457 problem from the monolith back into the <see cref="Error"/> it was made from.</summary>
internal static class RemoteProblem
{
    public static async Task<Error> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string title = $"The monolith answered {(int)response.StatusCode}.", detail = body;
        Dictionary<string, string[]>? fields = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            title = root.TryGetProperty("title", out var t) && t.GetString() is { } titleText ? titleText : title;
            detail = root.TryGetProperty("detail", out var d) && d.GetString() is { } detailText ? detailText : "";
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                fields = errors.EnumerateObject().ToDictionary(
                    field => field.Name, field => field.Value.EnumerateArray().Select(message => message.GetString() ?? "").ToArray(), StringComparer.Ordinal);
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page, say): the raw body is the detail.
        }

        var kind = response.StatusCode switch
        {
            HttpStatusCode.BadRequest when fields is not null => ErrorKind.Validation,
            HttpStatusCode.NotFound => ErrorKind.NotFound,
            HttpStatusCode.Conflict => ErrorKind.Conflict,
            HttpStatusCode.PaymentRequired => ErrorKind.PaymentDeclined,
            _ => ErrorKind.Unavailable,
        };
        return new Error(kind, title, detail, fields);
    }
}
