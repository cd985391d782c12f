using System.Text.Json;
using Strangler.Comparison;

namespace Strangler.Cli.Replay;

/// <summary>
/// The rules to compare with: a façade's appsettings.json (each capability's <c>Compare</c> section),
/// or a file holding one <c>Compare</c> object for every request. Read by the comparer's own reader,
/// so a rule means here what it means in the façade.
/// </summary>
internal sealed class RulesFile
{
    private readonly Dictionary<string, ComparisonRules> _byCapability;
    private readonly ComparisonRules _default;

    private RulesFile(Dictionary<string, ComparisonRules> byCapability, ComparisonRules fallback)
    {
        _byCapability = byCapability;
        _default = fallback;
    }

    public static RulesFile Strict { get; } = new(new Dictionary<string, ComparisonRules>(StringComparer.Ordinal), ComparisonRules.Strict);

    public bool Knows(string capability) => _byCapability.Count == 0 || _byCapability.ContainsKey(capability);

    public ComparisonRules For(string? capability) =>
        capability is not null && _byCapability.TryGetValue(capability, out var rules) ? rules : _default;

    public static RulesFile Load(string file, List<string> problems)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        if (Member(root, "Strangler") is { } strangler)
        {
            var byCapability = new Dictionary<string, ComparisonRules>(StringComparer.Ordinal);
            if (Member(strangler, "Capabilities") is { ValueKind: JsonValueKind.Object } capabilities)
            {
                foreach (var capability in capabilities.EnumerateObject())
                {
                    var compare = Member(capability.Value, "Compare") ?? default;
                    byCapability[capability.Name] = ComparisonRulesReader.Read(compare, $"Strangler:Capabilities:{capability.Name}:Compare", problems);
                }
            }

            return new RulesFile(byCapability, ComparisonRules.Strict);
        }

        return new RulesFile(new Dictionary<string, ComparisonRules>(StringComparer.Ordinal), ComparisonRulesReader.Read(root, "rules", problems));
    }

    private static JsonElement? Member(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var member in element.EnumerateObject())
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return member.Value;
            }
        }

        return null;
    }
}
