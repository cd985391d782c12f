using System.Security.Cryptography;
using System.Text;
using Strangler.Contracts;
using Strangler.Facade.Shadowing;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Routing;

/// <summary>
/// Request transforms for every route. YARP already drops hop-by-hop headers and replaces the
/// X-Forwarded-* headers; this also drops what only the façade may say to a backend (X-Strangler-*,
/// X-Served-By) and passes the correlation id on. One exception: a dry-run marker that carries the
/// façade's own secret comes from a service the façade already asked for a dry run (ordering calls
/// the monolith's stock and payments through the façade), so it travels on; a request with any other
/// is refused before it gets here (<see cref="HasForeignDryRun"/>), and the marker is dropped regardless.
/// The path and query go as the client sent them (<see cref="ForwardedTarget"/>).
/// </summary>
internal static class HeaderHygiene
{
    // The client's Host travels unless the cluster says Destination; YARP would otherwise drop it for every route.
    // The manifest source is found once per route, not once per request.
    public static void Apply(TransformBuilderContext builder)
    {
        var manifests = builder.Services.GetRequiredService<Settings.ManifestSource>();
        builder.AddOriginalHost(true).AddRequestTransform(transform =>
        {
            // Look for internal headers on the incoming request (Kestrel's dictionary enumerates without
            // allocating); the outgoing HttpRequestHeaders would build an entry object per header.
            foreach (var header in transform.HttpContext.Request.Headers)
            {
                if (ForwardingRules.IsInternal(header.Key) && !IsOwnDryRun(transform.HttpContext, header.Key, header.Value))
                {
                    transform.ProxyRequest.Headers.Remove(header.Key);
                }
            }

            var headers = transform.ProxyRequest.Headers;
            headers.Remove(StranglerHeaders.CorrelationId);
            headers.TryAddWithoutValidation(StranglerHeaders.CorrelationId, transform.HttpContext.TraceIdentifier);
            if (transform.HttpContext.Features.Get<FacadeResponse>()?.Decision?.Baggage is { } baggage)
            {
                headers.Remove(ChainStamp.BaggageHeader);
                headers.TryAddWithoutValidation(ChainStamp.BaggageHeader, baggage);
            }
            if (ForwardedTarget.RawWhenItMatters(transform.HttpContext) is { } raw)
            {
                transform.ProxyRequest.RequestUri = ForwardedTarget.At(transform.DestinationPrefix, raw);
            }

            if (transform.HttpContext.GetReverseProxyFeature().Cluster is { } cluster && !manifests.Current.KeepsClientHost(cluster.Config.ClusterId))
            {
                transform.ProxyRequest.Headers.Host = null;
            }

            return ValueTask.CompletedTask;
        }).AddResponseTransform(transform =>
        {
            BackendLinks.Rewrite(transform.HttpContext, manifests.Current);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>True when the request carries a dry-run marker that is not the façade's own (refused before forwarding).</summary>
    public static bool HasForeignDryRun(HttpContext context) =>
        context.Request.Headers.TryGetValue(StranglerHeaders.DryRun, out var value) && !IsOwnDryRun(context, StranglerHeaders.DryRun, value);

    private static bool IsOwnDryRun(HttpContext context, string header, Microsoft.Extensions.Primitives.StringValues value) =>
        header.Equals(StranglerHeaders.DryRun, StringComparison.OrdinalIgnoreCase) &&
        context.RequestServices.GetRequiredService<ShadowOptions>().DryRunSecret is { } secret &&
        value.Count == 1 &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value.ToString()), Encoding.UTF8.GetBytes(secret));
}
