using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;

namespace Strangler.Facade.Requests;

/// <summary>Whose fault a failed request was, as far as the façade can prove it.</summary>
internal enum Fault
{
    /// <summary>Not a failure.</summary>
    None,

    /// <summary>The client's request or connection: bad framing, a slow or cut body, an abort, a 4xx.</summary>
    Client,

    /// <summary>The side that served it: its 5xx, or a refused, reset or timed-out connection to it.</summary>
    Service,

    /// <summary>The façade itself (an answer of its own, such as no healthy destination for a write).</summary>
    Facade,
}

/// <summary>
/// Decides <see cref="Fault"/> for a finished request. Guardrails count only <see cref="Fault.Service"/>:
/// anything a client can cause at will (a malformed body, a header the forwarder cannot send, an
/// abort) must never move a flag.
/// </summary>
internal static class FaultAttribution
{
    public static Fault Of(HttpContext context, RoutingDecision decision, int status)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return Fault.Client;
        }

        if (context.Features.Get<IForwarderErrorFeature>() is { } failure)
        {
            return OfForwarderError(failure);
        }

        if (!decision.BackendAnswered)
        {
            // The façade answered (a problem of its own, or an exception before or after forwarding).
            return status >= 500 ? Fault.Facade : status >= 400 ? Fault.Client : Fault.None;
        }

        return status >= 500 ? Fault.Service : status >= 400 ? Fault.Client : Fault.None;
    }

    /// <summary>The forwarder's error for this request, unless there is none or the client cancelled: what is logged, retried or answered with a problem.</summary>
    public static IForwarderErrorFeature? FailedForward(HttpContext context) =>
        context.Features.Get<IForwarderErrorFeature>() is { Error: not (ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled) } failure
            ? failure
            : null;

    public static Fault OfForwarderError(IForwarderErrorFeature failure) => failure.Error switch
    {
        ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination or ForwarderError.ResponseHeaders
            or ForwarderError.ResponseBodyDestination or ForwarderError.UpgradeRequestDestination
            or ForwarderError.UpgradeResponseDestination or ForwarderError.NoAvailableDestinations => Fault.Service,
        // "Request" covers both a connection the destination refused or reset and a request the
        // forwarder could not send as the client shaped it: only the first is the service's.
        ForwarderError.Request => IsConnectionFailure(failure.Exception) ? Fault.Service : Fault.Client,
        _ => Fault.Client,
    };

    /// <summary>True when no connection to the destination was made, so not a byte of the request reached it.</summary>
    public static bool NothingWasSent(IForwarderErrorFeature failure)
    {
        if (failure.Error == ForwarderError.NoAvailableDestinations)
        {
            return true;
        }

        for (var e = failure.Exception; failure.Error == ForwarderError.Request && e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound }
                || e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConnectionFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException or TimeoutException
                || e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError or HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse
                    or HttpRequestError.HttpProtocolError })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Who sent the request, for counting distinct callers: the signed-in name when there is one, else the client's address.</summary>
    public static string CallerOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } ? "user:" + name : "ip:" + context.Connection.RemoteIpAddress;
}
