using Microsoft.AspNetCore.Mvc;
using Yarp.ReverseProxy.Forwarder;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Routing;

/// <summary>
/// The answers the façade gives itself when a backend could not: RFC 9457 problems that say which side
/// failed and what became of the request, instead of YARP's bare 502.
/// </summary>
internal sealed class ProxyProblems(IProblemDetailsService problemDetails)
{
    /// <summary>
    /// The service is down and the request may not be replayed on the legacy side: it is a write, or the
    /// capability has FallbackToLegacy off. The detail names both clusters by their manifest names.
    /// </summary>
    public Task WriteServiceUnavailableAsync(HttpContext context, string capability, string serviceCluster, string legacyCluster, bool fallbackAllowed) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The service for this capability is unavailable.",
            $"Capability '{capability}' is served by '{serviceCluster}', which has no healthy destination. " +
            (fallbackAllowed
                ? $"{context.Request.Method} is not retried on '{legacyCluster}' because it may change data the service owns"
                : $"Its FallbackToLegacy is off, so the request is not retried on '{legacyCluster}'") +
            "; nothing was sent. Retry later.");

    /// <summary>CONNECT asks for a tunnel, which a façade in front of HTTP APIs never opens to a backend.</summary>
    public Task WriteNotProxiedAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status501NotImplemented, "The façade does not proxy this method.",
            $"{context.Request.Method} opens a tunnel; the façade forwards HTTP requests to its backends only. Nothing was sent.");

    /// <summary>A dry-run marker the façade did not set and that lacks its secret: forwarded, it would be dropped and the write would run for real.</summary>
    public Task WriteDryRunRefusedAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Dry run refused.",
            $"The request carries {Contracts.StranglerHeaders.DryRun} without the façade's dry-run secret. " +
            "Only the façade asks for dry runs; nothing was sent, so nothing ran for real.");

    /// <summary>A route whose Auth asks for a token, and no valid one came: refused here, never forwarded.</summary>
    public Task WriteUnauthenticatedAsync(HttpContext context, string why) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "A valid bearer token is needed.", why + " Nothing was sent.");

    /// <summary>After forwarding: when the backend failed before any response, say so as a problem.</summary>
    public Task WhenForwardingFailedAsync(HttpContext context, RoutingDecision decision)
    {
        var error = FaultAttribution.FailedForward(context);
        if (error is null || context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        if (FaultAttribution.OfForwarderError(error) == Fault.Client)
        {
            // The client's request could not be read or sent as it was shaped: its fault, so a 4xx, never a 502.
            var status = ClientFaults.StatusOf(error.Exception) ?? StatusCodes.Status400BadRequest;
            return WriteAsync(context, status, "The request could not be forwarded as sent.",
                $"{error.Error}: {error.Exception?.GetBaseException().Message ?? "the request was malformed"}. Nothing was counted against '{decision.ServedBy}'.");
        }

        if (FaultAttribution.NothingWasSent(error))
        {
            return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The backend could not be reached.",
                $"'{decision.ServedBy}' refused the connection ({error.Error}); nothing was sent, so the request did not take effect. Retry later.");
        }

        var timedOut = error.Error == ForwarderError.RequestTimedOut;
        var safe = ForwardingRules.IsSafe(context.Request.Method);
        var detail = $"'{decision.ServedBy}' {(timedOut ? "did not answer in time" : "could not be reached")} ({error.Error})." +
            (safe ? "" : " The request was not retried elsewhere; whether it took effect there is unknown, so read before retrying.");
        return WriteAsync(context, timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
            timedOut ? "The backend timed out." : "The backend failed.", detail);
    }

    private async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
