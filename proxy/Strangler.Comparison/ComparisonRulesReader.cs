using System.Globalization;
using System.Text.Json;

namespace Strangler.Comparison;

/// <summary>
/// Reads a <c>Compare</c> section, as it stands in a façade manifest, into <see cref="ComparisonRules"/>.
/// The façade (from configuration) and <c>strangler compare</c> (from a JSON file) both read rules
/// through here, so a rule means the same wherever it is written. Values may be JSON numbers and
/// booleans or, as configuration gives them, strings; member names are matched without regard to case.
/// </summary>
public static class ComparisonRulesReader
{
    /// <summary>The keys a <c>Compare</c> section may have; any other is refused.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } =
        ["IgnorePaths", "UnorderedArrays", "NumericTolerance", "NormalizeTimes", "TimePrecision", "CaseInsensitivePaths", "Headers", "MaxJsonBytes"];

    /// <summary>The rules in <paramref name="section"/> (an object, or undefined for none); every problem is added to <paramref name="problems"/>, prefixed with <paramref name="where"/>.</summary>
    public static ComparisonRules Read(JsonElement section, string where, List<string> problems)
    {
        var strict = ComparisonRules.Strict;
        if (section.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return strict;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where} must be an object with some of {string.Join(", ", KnownKeys)}.");
            return strict;
        }

        foreach (var member in section.EnumerateObject().Where(m => !KnownKeys.Contains(m.Name, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"{where}:{member.Name} is not a known setting; expected one of {string.Join(", ", KnownKeys)}.");
        }

        var rules = new ComparisonRules(
            Strings(section, "IgnorePaths", where, problems),
            UnorderedArrays(section, where, problems),
            Number(section, "NumericTolerance", where, problems) ?? strict.NumericTolerance,
            Boolean(section, "NormalizeTimes", where, problems) ?? strict.NormalizeTimes,
            Duration(section, "TimePrecision", where, problems) ?? strict.TimePrecision,
            Strings(section, "CaseInsensitivePaths", where, problems),
            Strings(section, "Headers", where, problems),
            (int?)Number(section, "MaxJsonBytes", where, problems) ?? strict.MaxJsonBytes);
        problems.AddRange(rules.Problems().Select(problem => $"{where}: {problem}"));
        return rules;
    }

    private static List<UnorderedArray> UnorderedArrays(JsonElement section, string where, List<string> problems)
    {
        var arrays = new List<UnorderedArray>();
        foreach (var (entry, index) in Items(section, "UnorderedArrays", where, problems))
        {
            // "$.items", or { "Path": "$.lines", "Key": "sku" } to pair elements by a member.
            if (entry.ValueKind == JsonValueKind.String)
            {
                arrays.Add(new UnorderedArray(entry.GetString()!.Trim()));
            }
            else if (entry.ValueKind == JsonValueKind.Object && Member(entry, "Path") is { ValueKind: JsonValueKind.String } path)
            {
                var key = Member(entry, "Key") is { ValueKind: JsonValueKind.String } k && k.GetString()!.Trim() is { Length: > 0 } name ? name : null;
                arrays.Add(new UnorderedArray(path.GetString()!.Trim(), key));
            }
            else
            {
                problems.Add($"{where}:UnorderedArrays:{index}: give a JSON path, or {{ \"Path\": \"$.lines\", \"Key\": \"sku\" }}.");
            }
        }

        return arrays;
    }

    private static List<string> Strings(JsonElement section, string name, string where, List<string> problems)
    {
        var values = new List<string>();
        foreach (var (item, index) in Items(section, name, where, problems))
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString()!.Trim() is { Length: > 0 } text)
            {
                values.Add(text);
            }
            else
            {
                problems.Add($"{where}:{name}:{index} must be a non-empty string.");
            }
        }

        return values;
    }

    // Configuration turns a JSON array into an object with keys "0", "1", ...; both are accepted.
    private static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement section, string name, string where, List<string> problems)
    {
        var member = Member(section, name);
        if (member is not { } value)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray().Select((item, index) => (item, index)).ToList();
        }

        if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(m => int.TryParse(m.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return value.EnumerateObject().Select(m => (m.Value, int.Parse(m.Name, CultureInfo.InvariantCulture))).OrderBy(p => p.Item2).ToList();
        }

        problems.Add($"{where}:{name} must be a list.");
        return [];
    }

    private static decimal? Number(JsonElement section, string name, string where, List<string> problems)
    {
        if (Member(section, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ||
            value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            if (number >= 0 && (name != "MaxJsonBytes" || (number >= 1 && number <= int.MaxValue && number == decimal.Truncate(number))))
            {
                return number;
            }
        }

        problems.Add($"{where}:{name} is '{Text(value)}'; expected {(name == "MaxJsonBytes" ? "a whole number of bytes, 1 or more" : "a number, 0 or more")}.");
        return null;
    }

    private static bool? Boolean(JsonElement section, string name, string where, List<string> problems)
    {
        if (Member(section, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var parsed))
        {
            return parsed;
        }

        problems.Add($"{where}:{name} is '{Text(value)}'; expected true or false.");
        return null;
    }

    private static TimeSpan? Duration(JsonElement section, string name, string where, List<string> problems)
    {
        if (Member(section, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        problems.Add($"{where}:{name} is '{Text(value)}'; expected a duration such as 00:00:01.");
        return null;
    }

    private static JsonElement? Member(JsonElement element, string name)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return member.Value;
            }
        }

        return null;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
