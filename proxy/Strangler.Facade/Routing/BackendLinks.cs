using Microsoft.Extensions.Primitives;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Routing;

/// <summary>
/// Absolute URLs in <c>Location</c>, <c>Content-Location</c> and <c>Link</c> that name a backend
/// destination (any cluster's) are rewritten to the façade's own origin, as the client reached it, so
/// a client following a redirect or a "next" link stays behind the façade. A backend that builds them
/// from the Host it receives names the façade already when its cluster keeps the client's Host; this
/// covers one that builds them from its own configured address.
/// </summary>
internal static class BackendLinks
{
    private static readonly string[] Headers = ["Location", "Content-Location", "Link"];

    public static void Rewrite(HttpContext context, CapabilityManifest manifest)
    {
        var headers = context.Response.Headers;
        string? origin = null;
        foreach (var name in Headers)
        {
            if (!headers.TryGetValue(name, out var values))
            {
                continue;
            }

            origin ??= $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
            var changed = false;
            var rewritten = new string?[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                rewritten[i] = RewriteOne(values[i] ?? "", manifest.BackendOrigins, origin);
                changed |= !ReferenceEquals(rewritten[i], values[i]);
            }

            if (changed)
            {
                headers[name] = new StringValues(rewritten);
            }
        }
    }

    /// <summary>The value with every absolute URL whose origin is a backend's moved to <paramref name="origin"/>; the same instance when none is.</summary>
    public static string RewriteOne(string value, IReadOnlySet<string> backends, string origin)
    {
        System.Text.StringBuilder? result = null;
        var copied = 0;
        for (var at = value.IndexOf("://", StringComparison.Ordinal); at > 0; at = value.IndexOf("://", at + 3, StringComparison.Ordinal))
        {
            var start = at;
            while (start > 0 && char.IsAsciiLetter(value[start - 1]))
            {
                start--;
            }

            var end = at + 3;
            while (end < value.Length && value[end] is not ('/' or '?' or '#' or '>' or ';' or ',' or '"' or ' '))
            {
                end++;
            }

            if (backends.Contains(value[start..end].ToLowerInvariant()))
            {
                result ??= new System.Text.StringBuilder(value.Length);
                result.Append(value, copied, start - copied).Append(origin);
                copied = end;
            }
        }

        return result is null ? value : result.Append(value, copied, value.Length - copied).ToString();
    }
}
