using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Strangler.Cli.Reconcile;

/// <summary>
/// A row's hash over a canonical form of its JSON (object members sorted by name, numbers and
/// strings as written), so two sides that hold the same values hash alike whatever order they
/// serialise them in.
/// </summary>
internal static class RowDigest
{
    public static string Of(JsonElement row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, row);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..16];
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    public static string Key(JsonElement row, string keyField) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(keyField, out var key) && key.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? key.ToString()
            : throw new CliException($"A row has no '{keyField}' field to match rows by: {Truncate(row.GetRawText())}");

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";

    public static string Utf8(JsonElement row) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(row));
}
