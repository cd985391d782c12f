using Strangler.Contracts;

namespace Strangler.Facade.Requests;

internal static class ForwardingRules
{
    // Hop-by-hop, per-connection and proxy-only headers: a copy or a recording is a new request on a new connection.
    private static readonly HashSet<string> ConnectionHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Proxy-Connection",
        "Proxy-Authorization", "Content-Length",
    };

    /// <summary>
    /// Reads that may be answered by the monolith instead of the service. PUT and DELETE are idempotent
    /// too, but replaying them on the monolith would write to data the service owns after cutover.
    /// </summary>
    public static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>Headers only the façade may say to a backend (X-Strangler-*, X-Served-By); a client's are dropped.</summary>
    public static bool IsInternal(string header) =>
        header.StartsWith(StranglerHeaders.InternalPrefix, StringComparison.OrdinalIgnoreCase) ||
        header.Equals(StranglerHeaders.ServedBy, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a client's request header goes with a shadow copy or into a recording.</summary>
    public static bool IsCarriedOver(string header) => !ConnectionHeaders.Contains(header) && !IsInternal(header);
}
