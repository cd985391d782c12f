using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Strangler.Contracts;

namespace Shop.BuildingBlocks.Http;

/// <summary>
/// A call made while serving a request carries that request's correlation id, so one id follows a
/// client's order from the façade through the ordering service into the monolith's stock and payments.
/// </summary>
internal sealed class CorrelationForwardingHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.TraceIdentifier is { Length: > 0 } correlationId && !request.Headers.Contains(StranglerHeaders.CorrelationId))
        {
            request.Headers.TryAddWithoutValidation(StranglerHeaders.CorrelationId, correlationId);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

public static class CorrelationForwarding
{
    /// <summary>Makes an HTTP client pass the current request's correlation id on.</summary>
    public static IHttpClientBuilder ForwardCorrelationId(this IHttpClientBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<CorrelationForwardingHandler>();
        return builder.AddHttpMessageHandler<CorrelationForwardingHandler>();
    }
}
