using System.Buffers;
using System.Security.Cryptography;
using Strangler.Comparison;
using Strangler.Contracts;
using Yarp.ReverseProxy;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// Sends a copy to one of a cluster's available destinations and reads its answer (capped, hashed).
/// Its own connection pool: the shadow path never competes with YARP's for the primary's connections.
/// </summary>
internal sealed class ShadowSender(IProxyStateLookup proxyState, ShadowOptions options) : IDisposable
{
    private readonly HttpMessageInvoker _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    });

    /// <summary>The answer, or null when the cluster has no usable destination (the same rule the routing step uses).</summary>
    public async Task<ShadowAnswer?> SendAsync(ShadowRequest copy, string correlationId, string cluster, CancellationToken cancellationToken)
    {
        if (!proxyState.TryGetCluster(cluster, out var state)
            || state.DestinationsState.AvailableDestinations.Where(Health.UsableDestinations.IsUsable).ToList() is not { Count: > 0 } destinations)
        {
            return null;
        }

        var destination = destinations[Random.Shared.Next(destinations.Count)].Model.Config.Address;
        // The same function YARP builds the primary's address with, from the same path and query: the
        // copy goes to exactly the bytes the primary went to, never to a path re-read on the way.
        using var request = new HttpRequestMessage(new HttpMethod(copy.Method), copy.AddressAt(destination.ToString()));
        if (!copy.Body.IsEmpty)
        {
            request.Content = new ReadOnlyMemoryContent(copy.Body);
        }

        foreach (var (name, values) in copy.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values);
            }
        }

        if (copy.Host is { } host)
        {
            request.Headers.Host = host;
        }

        request.Headers.Remove(StranglerHeaders.CorrelationId);
        request.Headers.TryAddWithoutValidation(StranglerHeaders.CorrelationId, correlationId);
        if (copy.DryRun && options.DryRunSecret is { } secret)
        {
            request.Headers.TryAddWithoutValidation(StranglerHeaders.DryRun, secret);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var acknowledged = copy.DryRun && options.DryRunSecret is { } key && DryRunAcknowledgement.IsIn(response, request, key);
        return new ShadowAnswer(await ReadAsync(response, cancellationToken), acknowledged);
    }

    private async Task<CapturedResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Sized to the answer where its length is known, so the kept bytes are written once and not copied
        // again; never more than 64 KiB up front, so a length the service claims but does not send costs nothing.
        var expected = Math.Clamp(response.Content.Headers.ContentLength ?? 4096, 0, Math.Min(options.MaxCapturedBodyBytes, 64 * 1024));
        using var captured = new MemoryStream((int)expected);
        // A copy is read through a rented buffer: 16 KiB a copy was most of what the shadow path allocated.
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long length = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                hash.AppendData(buffer, 0, read);
                var room = options.MaxCapturedBodyBytes - (int)captured.Length;
                if (room > 0)
                {
                    captured.Write(buffer, 0, Math.Min(room, read));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // Filled to its size, the stream's own buffer is exactly the kept bytes.
        var kept = captured.Length == captured.Capacity ? captured.GetBuffer() : captured.ToArray();
        return new CapturedResponse((int)response.StatusCode, Headers(response), response.Content.Headers.ContentType?.ToString(),
            kept, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat<KeyValuePair<string, IEnumerable<string>>>(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        return headers;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A copy's answer, and for a dry run whether it carried a valid acknowledgement.</summary>
internal sealed record ShadowAnswer(CapturedResponse Answer, bool DryRunAcknowledged);
