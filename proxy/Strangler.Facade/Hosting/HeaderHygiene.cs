using Strangler.Contracts;
using Strangler.Facade.Routing;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Strangler.Facade.Hosting;

/// <summary>
/// Request transforms for every route. YARP already drops hop-by-hop headers and replaces the
/// X-Forwarded-* headers; this also drops what only the façade may say to a backend (X-Strangler-*,
/// X-Served-By) and passes the correlation id on.
/// </summary>
internal static class HeaderHygiene
{
    public static void Apply(TransformBuilderContext builder) => builder.AddRequestTransform(static transform =>
    {
        // Look for internal headers on the incoming request (Kestrel's dictionary enumerates without
        // allocating); the outgoing HttpRequestHeaders would build an entry object per header.
        foreach (var header in transform.HttpContext.Request.Headers)
        {
            if (ForwardingRules.IsInternal(header.Key))
            {
                transform.ProxyRequest.Headers.Remove(header.Key);
            }
        }

        var headers = transform.ProxyRequest.Headers;
        headers.Remove(StranglerHeaders.CorrelationId);
        headers.TryAddWithoutValidation(StranglerHeaders.CorrelationId, transform.HttpContext.TraceIdentifier);
        return ValueTask.CompletedTask;
    });
}
