using System.Globalization;
using System.Text.Json;

namespace Strangler.Comparison;

/// <summary>
/// Compares two JSON documents by structure under compiled rules. Stateless after construction, so
/// one instance serves concurrent comparisons.
/// </summary>
internal sealed class JsonComparer
{
    private const int MaxValueText = 200;

    private readonly JsonPathPattern[] _ignore;
    private readonly JsonPathPattern[] _caseInsensitive;
    private readonly (JsonPathPattern Pattern, string? Key)[] _unordered;
    private readonly decimal _tolerance;
    private readonly bool _normalizeTimes;
    private readonly long _timeTicks;

    public JsonComparer(ComparisonRules rules)
    {
        _ignore = rules.IgnorePaths.Select(JsonPathPattern.Parse).ToArray();
        _caseInsensitive = rules.CaseInsensitivePaths.Select(JsonPathPattern.Parse).ToArray();
        _unordered = rules.UnorderedArrays.Select(a => (JsonPathPattern.Parse(a.Path), a.Key)).ToArray();
        _tolerance = rules.NumericTolerance;
        _normalizeTimes = rules.NormalizeTimes;
        _timeTicks = rules.TimePrecision.Ticks;
    }

    public void Compare(JsonElement legacy, JsonElement candidate, List<PathStep> path, List<Difference> into)
    {
        if (Any(_ignore, path))
        {
            return;
        }

        if (legacy.ValueKind != candidate.ValueKind && !(IsBoolean(legacy) && IsBoolean(candidate)))
        {
            into.Add(new Difference(DifferenceKind.Type, PathStep.Pointer(path), Text(legacy), Text(candidate)));
            return;
        }

        switch (legacy.ValueKind)
        {
            case JsonValueKind.Object:
                CompareObjects(legacy, candidate, path, into);
                break;
            case JsonValueKind.Array:
                CompareArrays(legacy, candidate, path, into);
                break;
            case JsonValueKind.Number when !NumbersEqual(legacy, candidate):
            case JsonValueKind.String when !StringsEqual(legacy.GetString()!, candidate.GetString()!, path):
            case JsonValueKind.True or JsonValueKind.False when legacy.ValueKind != candidate.ValueKind:
                into.Add(new Difference(DifferenceKind.Value, PathStep.Pointer(path), Text(legacy), Text(candidate)));
                break;
        }
    }

    private void CompareObjects(JsonElement legacy, JsonElement candidate, List<PathStep> path, List<Difference> into)
    {
        foreach (var member in legacy.EnumerateObject())
        {
            path.Add(new PathStep(member.Name, 0));
            if (candidate.TryGetProperty(member.Name, out var other))
            {
                Compare(member.Value, other, path, into);
            }
            else if (!Any(_ignore, path))
            {
                into.Add(new Difference(DifferenceKind.Missing, PathStep.Pointer(path), Text(member.Value), null));
            }

            path.RemoveAt(path.Count - 1);
        }

        foreach (var member in candidate.EnumerateObject())
        {
            if (legacy.TryGetProperty(member.Name, out _))
            {
                continue;
            }

            path.Add(new PathStep(member.Name, 0));
            if (!Any(_ignore, path))
            {
                into.Add(new Difference(DifferenceKind.Extra, PathStep.Pointer(path), null, Text(member.Value)));
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private void CompareArrays(JsonElement legacy, JsonElement candidate, List<PathStep> path, List<Difference> into)
    {
        var unordered = _unordered.FirstOrDefault(u => u.Pattern.Matches(path));
        if (unordered.Pattern is null)
        {
            var left = legacy.EnumerateArray().ToList();
            var right = candidate.EnumerateArray().ToList();
            for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
            {
                path.Add(new PathStep(null, i));
                if (i >= right.Count)
                {
                    into.Add(new Difference(DifferenceKind.Missing, PathStep.Pointer(path), Text(left[i]), null));
                }
                else if (i >= left.Count)
                {
                    into.Add(new Difference(DifferenceKind.Extra, PathStep.Pointer(path), null, Text(right[i])));
                }
                else
                {
                    Compare(left[i], right[i], path, into);
                }

                path.RemoveAt(path.Count - 1);
            }

            return;
        }

        if (unordered.Key is { } key)
        {
            CompareKeyed(legacy, candidate, key, path, into);
        }
        else
        {
            CompareAsSets(legacy, candidate, path, into);
        }
    }

    // Elements are paired by their key member; each difference is reported at the legacy element's index.
    private void CompareKeyed(JsonElement legacy, JsonElement candidate, string key, List<PathStep> path, List<Difference> into)
    {
        var byKey = new Dictionary<string, (int Index, JsonElement Element)>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in candidate.EnumerateArray())
        {
            byKey.TryAdd(KeyOf(element, key), (index++, element));
        }

        index = 0;
        foreach (var element in legacy.EnumerateArray())
        {
            path.Add(new PathStep(null, index++));
            if (byKey.Remove(KeyOf(element, key), out var match))
            {
                Compare(element, match.Element, path, into);
            }
            else
            {
                into.Add(new Difference(DifferenceKind.Missing, PathStep.Pointer(path), Text(element), null));
            }

            path.RemoveAt(path.Count - 1);
        }

        foreach (var (extraIndex, element) in byKey.Values.OrderBy(v => v.Index))
        {
            path.Add(new PathStep(null, extraIndex));
            into.Add(new Difference(DifferenceKind.Extra, PathStep.Pointer(path), null, Text(element)));
            path.RemoveAt(path.Count - 1);
        }
    }

    // Without a key, an element matches any not-yet-matched element of the other side that compares
    // equal under the rules; what is left over on either side is reported.
    private void CompareAsSets(JsonElement legacy, JsonElement candidate, List<PathStep> path, List<Difference> into)
    {
        var right = candidate.EnumerateArray().ToList();
        var taken = new bool[right.Count];
        var scratch = new List<Difference>();
        var index = 0;
        foreach (var element in legacy.EnumerateArray())
        {
            path.Add(new PathStep(null, index++));
            var found = false;
            for (var j = 0; j < right.Count && !found; j++)
            {
                if (taken[j])
                {
                    continue;
                }

                scratch.Clear();
                Compare(element, right[j], path, scratch);
                found = taken[j] = scratch.Count == 0;
            }

            if (!found)
            {
                into.Add(new Difference(DifferenceKind.Missing, PathStep.Pointer(path), Text(element), null));
            }

            path.RemoveAt(path.Count - 1);
        }

        for (var j = 0; j < right.Count; j++)
        {
            if (!taken[j])
            {
                path.Add(new PathStep(null, j));
                into.Add(new Difference(DifferenceKind.Extra, PathStep.Pointer(path), null, Text(right[j])));
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    private bool NumbersEqual(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
        {
            return Math.Abs(x - y) <= _tolerance;
        }

        return Math.Abs(a.GetDouble() - b.GetDouble()) <= (double)_tolerance;
    }

    private bool StringsEqual(string a, string b, List<PathStep> path)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        if (_normalizeTimes && TryParseTime(a, out var t1) && TryParseTime(b, out var t2))
        {
            return t1.UtcTicks / _timeTicks == t2.UtcTicks / _timeTicks;
        }

        return Any(_caseInsensitive, path) && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

    // Only full ISO 8601 date-times (a date, 'T', a time) count: "2026-01-01" or "12" stay strings.
    private static bool TryParseTime(string text, out DateTimeOffset value)
    {
        value = default;
        return text.Length is >= 19 and <= 40 && text[4] == '-' && text[10] is 'T' or 't' &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static string KeyOf(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) ? value.GetRawText() : "\u0000" + element.GetRawText();

    private static bool Any(JsonPathPattern[] patterns, List<PathStep> path)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.Matches(path))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBoolean(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False;

    internal static string Text(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= MaxValueText ? text : text[..MaxValueText] + "…";
    }
}
