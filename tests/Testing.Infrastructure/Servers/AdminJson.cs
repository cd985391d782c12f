using System.Text.Json;
using System.Text.Json.Serialization;

namespace Testing.Infrastructure.Servers;

/// <summary>The admin API's JSON: web defaults with enums as names.</summary>
public static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
