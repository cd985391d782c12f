using System.Globalization;
using System.Text.Json;

namespace Strangler.Cli.Reconcile;

/// <summary>Reads one field of an exported row, or says which field of which row was not as expected.</summary>
internal static class Field
{
    public static Guid Guid(JsonElement row, string name) =>
        Get(row, name) is { ValueKind: JsonValueKind.String } value && System.Guid.TryParse(value.GetString(), out var id) ? id : throw Unexpected(row, name, "an id");

    public static string Text(JsonElement row, string name) =>
        Get(row, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw Unexpected(row, name, "text");

    public static long Long(JsonElement row, string name) =>
        Get(row, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : throw Unexpected(row, name, "a whole number");

    public static DateTime Time(JsonElement row, string name) =>
        OptionalTime(row, name) ?? throw Unexpected(row, name, "a time");

    public static DateTime? OptionalTime(JsonElement row, string name) =>
        Get(row, name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } value when DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) => at,
            _ => throw Unexpected(row, name, "a time"),
        };

    /// <summary>An amount as <c>{ amount, currency }</c>, written as "186.98 EUR".</summary>
    public static string Money(JsonElement row, string name) =>
        Get(row, name) is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("amount", out var amount) && value.TryGetProperty("currency", out var currency)
            ? $"{amount.GetRawText()} {currency.GetString()}"
            : throw Unexpected(row, name, "an amount");

    private static JsonElement? Get(JsonElement row, string name) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var value) ? value : null;

    private static CliException Unexpected(JsonElement row, string name, string what) =>
        new($"An exported row has no '{name}' field holding {what}: {Shorten(row.GetRawText())}");

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
