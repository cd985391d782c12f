using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Strangler.Facade.Requests;

/// <summary>
/// The path and query a backend receives: the bytes the client sent (the raw request target) whenever
/// they name the very path the façade routed on, so an id with <c>%2F</c> in it arrives as <c>%2F</c>,
/// not encoded a second time as YARP's rebuild from the decoded path does. Kestrel decodes every escape
/// but <c>%2F</c>, so "/a%2Fb" and "/a%252Fb" both route as "/a%2Fb", and only the raw target tells them
/// apart. When the raw target does not decode to the routed path (dot segments Kestrel resolved, a
/// form other than origin-form), the façade sends the routed path, rebuilt as YARP rebuilds it: a
/// backend never sees a path other than the one the route was chosen for.
/// </summary>
internal static class ForwardedTarget
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>Path and query to send; null when YARP's own rebuild already sends the same bytes (no escape in the path).</summary>
    public static string? RawWhenItMatters(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null || raw.Length == 0 || raw[0] != '/')
        {
            return null;
        }

        var queryAt = raw.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? raw : raw[..queryAt];
        if (!path.Contains('%', StringComparison.Ordinal) || context.Request.PathBase.HasValue)
        {
            return null;
        }

        return DecodesTo(path, context.Request.Path.Value) ? raw : null;
    }

    /// <summary>Path and query as the backend receives them, for a copy or a log line.</summary>
    public static string Of(HttpContext context) =>
        RawWhenItMatters(context) ?? RequestUtilities.MakeDestinationAddress("http://target", context.Request.Path, context.Request.QueryString).PathAndQuery;

    /// <summary>The target at a destination, its bytes kept as they are (no unescaping, no dot-segment removal).</summary>
    public static Uri At(string destinationPrefix, string target) =>
        new((destinationPrefix.EndsWith('/') ? destinationPrefix[..^1] : destinationPrefix) + target, Verbatim);

    // Kestrel's reading of a path: every %XX decoded except %2F, the bytes read as UTF-8.
    private static bool DecodesTo(string rawPath, string? routed)
    {
        var bytes = new List<byte>(rawPath.Length);
        for (var i = 0; i < rawPath.Length; i++)
        {
            if (rawPath[i] == '%' && i + 2 < rawPath.Length && Uri.IsHexDigit(rawPath[i + 1]) && Uri.IsHexDigit(rawPath[i + 2])
                && Convert.ToByte(rawPath.Substring(i + 1, 2), 16) is var value && value != (byte)'/')
            {
                bytes.Add(value);
                i += 2;
            }
            else if (rawPath[i] > 0x7F)
            {
                return false;
            }
            else
            {
                bytes.Add((byte)rawPath[i]);
            }
        }

        try
        {
            return string.Equals(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]), routed, StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
