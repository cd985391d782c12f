using System.Runtime.CompilerServices;
using Strangler.Facade.Settings;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// Whether a capability's routes claim the path a copy would reach, read the way the receiving
/// Kestrel reads it: percent-decoded once (except %2F, which Kestrel keeps) and with dot segments
/// removed. A copy is only sent where a client's own request could have been routed by that capability.
/// </summary>
internal static class RouteClaims
{
    private static readonly ConditionalWeakTable<CapabilityRoute, TemplateMatcher> Matchers = new();

    public static bool Claims(Capability capability, string method, string escapedPath)
    {
        var path = new PathString(AsReceived(escapedPath));
        foreach (var route in capability.Routes)
        {
            if (route.Methods.Count > 0 && !route.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var matcher = Matchers.GetValue(route, r => new TemplateMatcher(new RouteTemplate(RoutePatternFactory.Parse(r.Path)), new RouteValueDictionary()));
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The path as a receiving Kestrel decodes and normalizes it (RFC 3986 dot-segment removal).</summary>
    internal static string AsReceived(string escapedPath)
    {
        var segments = escapedPath.Split('/')[1..];
        var kept = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = Uri.UnescapeDataString(segments[i].Replace("%2F", "%252F", StringComparison.OrdinalIgnoreCase));
            var last = i == segments.Length - 1;
            if (segment is "." or "..")
            {
                if (segment == ".." && kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }

                if (last)
                {
                    kept.Add("");
                }
            }
            else
            {
                kept.Add(segment);
            }
        }

        return "/" + string.Join('/', kept);
    }
}
