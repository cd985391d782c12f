using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Strangler.Cli.Init;

/// <summary>
/// Drafts a manifest from an OpenAPI 3 document: the legacy system as the default cluster, and one
/// capability per tag (an operation without tags goes by its path's first segment), holding that
/// tag's paths with their methods, in Legacy mode, each with a service cluster to fill in. A starting
/// point with comments, not a finished manifest: the façade validates it in full at start.
/// </summary>
internal static partial class OpenApiDraft
{
    private static readonly string[] Methods = ["get", "head", "post", "put", "patch", "delete", "options"];

    public static string Write(JsonElement document, string source, Uri legacy, DateTimeOffset now)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("paths", out var paths) || paths.ValueKind != JsonValueKind.Object)
        {
            throw new CliException($"{source} is not an OpenAPI document: it has no \"paths\" object.", exitCode: 2);
        }

        // Capability → path → methods, in the document's order; a path already taken keeps its first capability.
        var capabilities = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Name.StartsWith('/')))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var name = owner.GetValueOrDefault(path.Name) ?? CapabilityName(operation.Value, path.Name);
                owner[path.Name] = name;
                var routes = capabilities.TryGetValue(name, out var found) ? found : capabilities[name] = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
                (routes.TryGetValue(path.Name, out var methods) ? methods : routes[path.Name] = new SortedSet<string>(StringComparer.Ordinal)).Add(operation.Name.ToUpperInvariant());
            }
        }

        if (capabilities.Count == 0)
        {
            throw new CliException($"{source} has no operations under \"paths\"; nothing to draft.", exitCode: 2);
        }

        return Render(capabilities, source, legacy, now);
    }

    private static string Render(Dictionary<string, Dictionary<string, SortedSet<string>>> capabilities, string source, Uri legacy, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine("{");
        text.AppendLine(CultureInfo.InvariantCulture, $"  // Drafted by strangler init from {source} at {now:yyyy-MM-dd HH:mm}Z: a starting point, not a finished manifest.");
        text.AppendLine("  // Every capability starts in Legacy mode. Check each route, point each service cluster at its service,");
        text.AppendLine("  // set HealthPath to a path that answers 2xx on each side, then run: strangler doctor --manifest <this file>.");
        text.AppendLine("  \"Strangler\": {");
        text.AppendLine("    \"DefaultCluster\": \"legacy\",");
        text.AppendLine("    \"Clusters\": {");
        var clusters = new List<string> { $"      \"legacy\": {{ \"Destinations\": [ {Json(legacy.ToString().TrimEnd('/'))} ], \"HealthPath\": \"/health\" }}" };
        clusters.AddRange(capabilities.Keys.Select(name => $"      {Json(name + "-service")}: {{ \"Destinations\": [ \"http://127.0.0.1:8081\" ], \"HealthPath\": \"/health\" }}"));
        text.AppendLine(string.Join("," + Environment.NewLine, clusters));
        text.AppendLine("    },");
        text.AppendLine("    \"Capabilities\": {");
        var blocks = capabilities.Select(capability =>
        {
            var routes = capability.Value.Select(route =>
                $"          {{ \"Path\": {Json(AspNetPattern(route.Key))}, \"Methods\": [ {string.Join(", ", route.Value.Select(Json))} ] }}");
            return $"      {Json(capability.Key)}: {{{Environment.NewLine}" +
                $"        \"Routes\": [{Environment.NewLine}{string.Join("," + Environment.NewLine, routes)}{Environment.NewLine}        ],{Environment.NewLine}" +
                $"        \"Legacy\": \"legacy\",{Environment.NewLine}" +
                $"        \"Service\": {Json(capability.Key + "-service")}{Environment.NewLine}" +
                "      }";
        });
        text.AppendLine(string.Join("," + Environment.NewLine, blocks));
        text.AppendLine("    }");
        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }

    // A tag, or the path's first literal segment, as a capability name: lower-case letters, digits, dashes.
    private static string CapabilityName(JsonElement operation, string path)
    {
        var tag = operation.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()).FirstOrDefault()
            : null;
        var basis = tag ?? path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => !s.StartsWith('{')) ?? "root";
        var name = NotNameCharacters().Replace(basis.ToLowerInvariant(), "-").Trim('-');
        name = name.Length == 0 ? "root" : name.Length > 55 ? name[..55].TrimEnd('-') : name;
        return char.IsAsciiLetterOrDigit(name[0]) ? name : "c" + name;
    }

    // OpenAPI's {param} is ASP.NET's too; a name ASP.NET would refuse is made safe.
    private static string AspNetPattern(string path) =>
        Parameter().Replace(path, match => "{" + NotNameCharacters().Replace(match.Groups[1].Value, "_") + "}");

    private static string Json(string value) => JsonSerializer.Serialize(value);

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotNameCharacters();

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex Parameter();
}
