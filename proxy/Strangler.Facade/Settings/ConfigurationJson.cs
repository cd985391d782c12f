using System.Text.Json.Nodes;

namespace Strangler.Facade.Settings;

/// <summary>
/// A configuration section as the JSON it came from (values as strings, lists as objects keyed "0",
/// "1", ...), so that readers shared with tools that load JSON files see one shape.
/// </summary>
internal static class ConfigurationJson
{
    public static System.Text.Json.JsonElement ToJson(IConfigurationSection section) =>
        System.Text.Json.JsonSerializer.SerializeToElement(ToNode(section));

    private static JsonNode? ToNode(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value is null ? null : JsonValue.Create(section.Value);
        }

        var node = new JsonObject();
        foreach (var child in children)
        {
            node[child.Key] = ToNode(child);
        }

        return node;
    }
}
