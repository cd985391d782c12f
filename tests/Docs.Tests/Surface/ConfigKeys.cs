using Strangler.Facade.Settings;

namespace Docs.Tests.Surface;

/// <summary>
/// Resolves a configuration path the docs name (<c>Strangler:Clusters:monolith:HealthPath</c>, or
/// <c>…:Shadow:Timeout</c> for some capability's) against <see cref="ManifestKeys"/>, naming chosen
/// names <c>&lt;name&gt;</c> and list indexes <c>&lt;n&gt;</c> as the schema does.
/// </summary>
internal static class ConfigKeys
{
    private static readonly string[] NamedChildren = ["Clusters", "Capabilities"];

    /// <summary>The path in the schema's terms, or null with <paramref name="problem"/> saying which part does not exist.</summary>
    public static string? Resolve(string path, out string? problem)
    {
        var parts = path.Split(':', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts is ["…", ..])
        {
            parts = ["Strangler", "Capabilities", "<name>", .. parts[1..]];
        }

        problem = null;
        var section = "Strangler";
        var resolved = new List<string> { section };
        for (var i = 1; i < parts.Count; i++)
        {
            var key = ManifestKeys.BySection[section].FirstOrDefault(k => string.Equals(k, parts[i], StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                problem = $"'{parts[i]}' is not a key of {section} (known: {string.Join(", ", ManifestKeys.BySection[section])})";
                return null;
            }

            resolved.Add(key);
            var child = section + ":" + key;
            if ((NamedChildren.Contains(key) && section == "Strangler") || key == "Routes")
            {
                var placeholder = key == "Routes" ? "<n>" : "<name>";
                if (i + 1 < parts.Count)
                {
                    i++;
                    resolved.Add(placeholder);
                }

                child += ":" + placeholder;
            }

            if (ManifestKeys.BySection.ContainsKey(child))
            {
                section = child;
                continue;
            }

            // A value: what may follow is a list index, or a name chosen by the user (an admin key's).
            if (i + 1 < parts.Count && !(key == "Keys" || parts[i + 1] is "<n>" || parts[i + 1].All(char.IsAsciiDigit)))
            {
                problem = $"{child} is a value, yet the docs go on with ':{parts[i + 1]}'";
                return null;
            }

            break;
        }

        return string.Join(':', resolved);
    }
}
