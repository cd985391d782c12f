using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strangler.Facade.Admin;

/// <summary>
/// Reads an enum from exactly one of its names (any letter case): System.Text.Json's own enum
/// converter also takes " Canary " with spaces and "Legacy, Service" lists, so a typo could pass for a
/// mode. Writes the name as it is declared.
/// </summary>
internal sealed class ExactNameConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected one of {string.Join(", ", Enum.GetNames<TEnum>())} as a string.");
        }

        var text = reader.GetString();
        foreach (var name in Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<TEnum>(name);
            }
        }

        throw new JsonException($"'{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
