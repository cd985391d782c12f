namespace Strangler.Comparison;

/// <summary>
/// The small JSON path language of the rules: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>.*</c>,
/// <c>[3]</c>, <c>[*]</c> and <c>..name</c> (that member at any depth below). Enough to name a place
/// in an API answer; no filters or scripts.
/// </summary>
internal sealed class JsonPathPattern
{
    private readonly Segment[] _segments;

    private JsonPathPattern(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public static JsonPathPattern Parse(string text) =>
        TryParse(text, out var pattern, out var error) ? pattern! : throw new FormatException($"'{text}' is not a JSON path: {error}");

    public static bool TryParse(string text, out JsonPathPattern? pattern, out string? error)
    {
        pattern = null;
        error = null;
        if (string.IsNullOrEmpty(text) || text[0] != '$')
        {
            error = "a JSON path starts with '$', e.g. $.items[*].id.";
            return false;
        }

        var segments = new List<Segment>();
        var i = 1;
        while (i < text.Length)
        {
            if (text.AsSpan(i).StartsWith(".."))
            {
                var name = ReadName(text, i + 2, out i);
                if (name.Length == 0)
                {
                    error = $"'..' at {i} needs a member name after it.";
                    return false;
                }

                segments.Add(new Segment(SegmentKind.Descend, name, 0));
            }
            else if (text[i] == '.')
            {
                if (i + 1 < text.Length && text[i + 1] == '*')
                {
                    segments.Add(new Segment(SegmentKind.AnyName, null, 0));
                    i += 2;
                    continue;
                }

                var name = ReadName(text, i + 1, out i);
                if (name.Length == 0)
                {
                    error = $"'.' at {i} needs a member name or '*' after it.";
                    return false;
                }

                segments.Add(new Segment(SegmentKind.Name, name, 0));
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    error = $"'[' at {i} is not closed.";
                    return false;
                }

                var inside = text[(i + 1)..close];
                if (inside == "*")
                {
                    segments.Add(new Segment(SegmentKind.AnyIndex, null, 0));
                }
                else if (inside.Length >= 2 && inside[0] == '\'' && inside[^1] == '\'')
                {
                    segments.Add(new Segment(SegmentKind.Name, inside[1..^1], 0));
                }
                else if (int.TryParse(inside, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(new Segment(SegmentKind.Index, null, index));
                }
                else
                {
                    error = $"'[{inside}]' is neither [*], an index nor a quoted name.";
                    return false;
                }

                i = close + 1;
            }
            else
            {
                error = $"unexpected '{text[i]}' at {i}; expected '.', '..' or '['.";
                return false;
            }
        }

        pattern = new JsonPathPattern(text, [.. segments]);
        return true;
    }

    /// <summary>Whether the place at <paramref name="path"/> (member names and indices from the root) is named by this pattern.</summary>
    public bool Matches(IReadOnlyList<PathStep> path) => Matches(0, path, 0);

    private bool Matches(int s, IReadOnlyList<PathStep> path, int p)
    {
        if (s == _segments.Length)
        {
            return p == path.Count;
        }

        var segment = _segments[s];
        if (segment.Kind == SegmentKind.Descend)
        {
            for (var k = p; k < path.Count; k++)
            {
                if (path[k].Name == segment.Name && Matches(s + 1, path, k + 1))
                {
                    return true;
                }
            }

            return false;
        }

        if (p == path.Count)
        {
            return false;
        }

        var step = path[p];
        var fits = segment.Kind switch
        {
            SegmentKind.Name => step.Name == segment.Name,
            SegmentKind.AnyName => step.Name is not null,
            SegmentKind.Index => step.Name is null && step.Index == segment.Index,
            _ => step.Name is null,
        };
        return fits && Matches(s + 1, path, p + 1);
    }

    private static string ReadName(string text, int start, out int end)
    {
        end = start;
        while (end < text.Length && text[end] is not ('.' or '['))
        {
            end++;
        }

        return text[start..end];
    }

    private enum SegmentKind
    {
        Name,
        AnyName,
        Index,
        AnyIndex,
        Descend,
    }

    private readonly record struct Segment(SegmentKind Kind, string? Name, int Index);
}

/// <summary>One step from the root of a JSON document: a member name, or an array index when <see cref="Name"/> is null.</summary>
internal readonly record struct PathStep(string? Name, int Index)
{
    public static string Pointer(IReadOnlyList<PathStep> path)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var step in path)
        {
            builder.Append('/');
            builder.Append(step.Name is null
                ? step.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : step.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    /// <summary>The JSON path naming this place and its like in every element of every array on the way.</summary>
    public static string GeneralPath(IReadOnlyList<PathStep> path)
    {
        var builder = new System.Text.StringBuilder("$");
        foreach (var step in path)
        {
            if (step.Name is null)
            {
                builder.Append("[*]");
            }
            else if (step.Name.Length > 0 && step.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$'))
            {
                builder.Append('.').Append(step.Name);
            }
            else
            {
                builder.Append("['").Append(step.Name).Append("']");
            }
        }

        return builder.ToString();
    }
}
