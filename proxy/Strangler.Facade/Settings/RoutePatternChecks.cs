using Microsoft.AspNetCore.Routing.Patterns;

namespace Strangler.Facade.Settings;

/// <summary>
/// What users write that ASP.NET's route syntax reads differently, and whether two routes of different
/// capabilities could both match one request. Overlap is judged segment by segment, as matching works:
/// a literal meets only the same literal (case aside), a parameter meets any one segment, a catch-all
/// meets whatever is left, nothing included. Parameter constraints are not trusted to keep two routes
/// apart: an <c>{id:int}</c> next to a literal would still be one request away from ambiguity.
/// </summary>
internal static class RoutePatternChecks
{
    /// <summary>A problem with a segment written in another router's syntax (Express <c>:id</c>, a glob <c>*</c>), or null.</summary>
    public static string? ForeignSyntax(string path)
    {
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var outside = OutsideBraces(segment);
            if (outside.StartsWith(':'))
            {
                var name = segment[1..];
                return $"'{segment}' is another router's parameter syntax and would match only the literal text '{segment}'; in ASP.NET route syntax write {{{name}}}.";
            }

            if (outside.Contains('*', StringComparison.Ordinal))
            {
                return $"'{segment}' is a wildcard in another router's syntax and would match only a literal '*'; in ASP.NET route syntax write {{**rest}} for \"everything below\" or {{name}} for one segment.";
            }
        }

        return null;
    }

    /// <summary>True when some request path could match both patterns.</summary>
    public static bool Overlap(RoutePattern first, RoutePattern second) => Overlap(first.PathSegments, 0, second.PathSegments, 0);

    private static bool Overlap(IReadOnlyList<RoutePatternPathSegment> a, int i, IReadOnlyList<RoutePatternPathSegment> b, int j)
    {
        if (i < a.Count && IsCatchAll(a[i]) || j < b.Count && IsCatchAll(b[j]))
        {
            return true;
        }

        if (i == a.Count || j == b.Count)
        {
            // One has segments left: they match nothing more only if every one left is optional.
            return AllOptional(a, i) && AllOptional(b, j);
        }

        return SegmentsMeet(a[i], b[j]) && Overlap(a, i + 1, b, j + 1)
            || IsOptional(a[i]) && Overlap(a, i + 1, b, j)
            || IsOptional(b[j]) && Overlap(a, i, b, j + 1);
    }

    private static bool SegmentsMeet(RoutePatternPathSegment a, RoutePatternPathSegment b) =>
        Literal(a) is not { } left || Literal(b) is not { } right || string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    private static string? Literal(RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal ? literal.Content : null;

    private static bool IsCatchAll(RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is RoutePatternParameterPart { IsCatchAll: true };

    private static bool IsOptional(RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is RoutePatternParameterPart { IsOptional: true } or RoutePatternParameterPart { Default: not null };

    private static bool AllOptional(IReadOnlyList<RoutePatternPathSegment> segments, int from) =>
        segments.Skip(from).All(segment => IsOptional(segment) || IsCatchAll(segment));

    private static string OutsideBraces(string segment)
    {
        var depth = 0;
        var outside = new System.Text.StringBuilder(segment.Length);
        foreach (var character in segment)
        {
            depth += character == '{' ? 1 : character == '}' ? -1 : 0;
            if (depth == 0 && character != '}')
            {
                outside.Append(character);
            }
        }

        return outside.ToString();
    }
}
