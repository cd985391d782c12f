using System.Text.Json;
using System.Text.Json.Nodes;

namespace Strangler.Facade.Recording;

/// <summary>
/// What a request keeps when it is written down, by a recording or as a golden case: headers named in
/// <c>Strangler:Recording:RedactHeaders</c> (and always the credentials) become "[redacted]", and so do
/// the JSON fields named in <c>RedactJsonFields</c>, at any depth.
/// </summary>
internal sealed class Redaction(RecordingOptions options)
{
    public string Header(string name, string value) => options.RedactHeaders.Contains(name) ? RecordingOptions.Redacted : value;

    /// <summary>A JSON body as redacted JSON text; anything else (or JSON that does not parse) as base64, unchanged.</summary>
    public (string? Text, string? Base64) Body(ReadOnlyMemory<byte> bytes, string? contentType)
    {
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var json = JsonNode.Parse(bytes.Span);
                Redact(json);
                return (json?.ToJsonString() ?? "null", null);
            }
            catch (JsonException)
            {
                // Not JSON after all: kept as bytes below.
            }
        }

        return (null, Convert.ToBase64String(bytes.Span));
    }

    private void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (options.RedactJsonFields.Contains(name))
                    {
                        obj[name] = RecordingOptions.Redacted;
                    }
                    else
                    {
                        Redact(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }
    }
}
