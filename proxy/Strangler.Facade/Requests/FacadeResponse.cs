using Strangler.Contracts;

namespace Strangler.Facade.Requests;

/// <summary>
/// The one place a response gets the façade's headers: the correlation id and, for proxied requests,
/// the side that served it and any fallback. Set when the response starts, so that a backend's echo of
/// a header is replaced rather than doubled; one object and one callback per request.
/// </summary>
internal sealed class FacadeResponse(HttpContext context, string correlationId)
{
    public string CorrelationId { get; } = correlationId;

    /// <summary>What the routing step decided, when the request was proxied.</summary>
    public RoutingDecision? Decision { get; set; }

    public static FacadeResponse Start(HttpContext context, string correlationId)
    {
        var response = new FacadeResponse(context, correlationId);
        context.Features.Set(response);
        context.Response.OnStarting(static state => ((FacadeResponse)state).Stamp(), response);
        return response;
    }

    private Task Stamp()
    {
        var headers = context.Response.Headers;
        headers[StranglerHeaders.CorrelationId] = CorrelationId;
        if (Decision is { } decision)
        {
            headers[StranglerHeaders.ServedBy] = decision.ServedBy;
            if (decision.Fallback is not null)
            {
                headers[StranglerHeaders.Fallback] = decision.Fallback;
            }
        }

        return Task.CompletedTask;
    }
}
