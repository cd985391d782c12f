using System.Security.Cryptography;
using System.Text;

namespace Strangler.Contracts;

/// <summary>
/// How a system proves it honoured a dry run. It answers with <see cref="StranglerHeaders.DryRunAcknowledgement"/>:
/// the lowercase hex HMAC-SHA256, keyed with the shared secret, of the method, the request target as
/// it arrived (path and query, still escaped) and the <c>X-Correlation-Id</c> it was sent (empty when
/// none), joined by line feeds. Only a side that knows the secret and read this very request can say
/// it; a side that ignores the marker, or echoes request headers back, cannot.
/// </summary>
public static class DryRunAcknowledgement
{
    public static string For(string secret, string method, string target, string? correlationId)
    {
        var data = Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{target}\n{correlationId}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    /// <summary>True when <paramref name="response"/> carries the acknowledgement of <paramref name="request"/>, a dry run sent with <paramref name="secret"/>.</summary>
    public static bool IsIn(HttpResponseMessage response, HttpRequestMessage request, string secret)
    {
        if (!response.Headers.TryGetValues(StranglerHeaders.DryRunAcknowledgement, out var values) || values.Count() != 1 || request.RequestUri is null)
        {
            return false;
        }

        var correlation = request.Headers.TryGetValues(StranglerHeaders.CorrelationId, out var ids) ? string.Join(", ", ids) : null;
        var expected = For(secret, request.Method.Method, request.RequestUri.PathAndQuery, correlation);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(values.Single()), Encoding.ASCII.GetBytes(expected));
    }
}
