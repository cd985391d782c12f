using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.DryRun;
using Strangler.Contracts;

namespace Shop.BuildingBlocks.Http;

/// <summary>
/// Carries a value of the request being served onto the calls made while serving it: one handler for
/// the correlation id, the dry-run marker and the baggage, which differ only in where the value comes from and
/// whether it replaces a header the call already has.
/// </summary>
internal sealed class RequestHeaderForwarder(IHttpContextAccessor accessor, string header, Func<HttpContext, string?> valueOf, bool replace)
    : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } current && valueOf(current) is { Length: > 0 } value && (replace || !request.Headers.Contains(header)))
        {
            request.Headers.Remove(header);
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

public static class RequestHeaderForwarding
{
    /// <summary>
    /// Makes an HTTP client pass the current request's correlation id on (unless the call sets its own),
    /// so one id follows a client's order from the façade through the ordering service into the
    /// monolith's stock and payments.
    /// </summary>
    public static IHttpClientBuilder ForwardCorrelationId(this IHttpClientBuilder builder) =>
        builder.Forward(StranglerHeaders.CorrelationId, static current => current.TraceIdentifier, replace: false);

    /// <summary>
    /// Makes an HTTP client pass a dry run on: a write made during a dry run may call another system
    /// (ordering calls Catalog and Payments), and that call must not take stock or money for real, so
    /// it carries the marker and the secret, whatever the call had set.
    /// </summary>
    public static IHttpClientBuilder ForwardDryRuns(this IHttpClientBuilder builder) =>
        builder.Forward(StranglerHeaders.DryRun, static current =>
            current.RequestServices.GetService<DryRunScope>() is { IsActive: true, Secret: { } secret } ? secret : null, replace: true);

    /// <summary>
    /// Makes an HTTP client pass the request's W3C baggage on, and with it the façade's signed routing
    /// decisions: ordering's calls to stock and payments go back through the façade, which then routes
    /// them for the user who placed the order and keeps the sides that user was given.
    /// </summary>
    public static IHttpClientBuilder ForwardBaggage(this IHttpClientBuilder builder) =>
        builder.Forward(StranglerHeaders.Baggage, static current =>
            current.Request.Headers.TryGetValue(StranglerHeaders.Baggage, out var baggage) ? baggage.ToString() : null, replace: true);

    private static IHttpClientBuilder Forward(this IHttpClientBuilder builder, string header, Func<HttpContext, string?> valueOf, bool replace)
    {
        builder.Services.AddHttpContextAccessor();
        return builder.AddHttpMessageHandler(services => new RequestHeaderForwarder(services.GetRequiredService<IHttpContextAccessor>(), header, valueOf, replace));
    }
}
