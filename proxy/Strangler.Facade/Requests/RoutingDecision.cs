using Strangler.Contracts;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Requests;

/// <summary>The side chosen for one request.</summary>
internal enum Side
{
    Legacy,
    Service,
}

/// <summary>
/// What the façade decided for one request, shared by every step of the proxy pipeline and read by
/// logging, metrics and the response headers. The settings and the flag state are read once, by the
/// step that decides, and every later step works from what it wrote here.
/// </summary>
internal sealed class RoutingDecision
{
    /// <summary>What <see cref="ServedBy"/> says when the façade answered itself and sent nothing.</summary>
    public const string ServedByFacade = "strangler";

    /// <summary>The capability whose route matched, or null on the default route and for the façade's own refusals.</summary>
    public Capability? Claimed { get; init; }

    public string? Capability => Claimed?.Name;

    /// <summary>The settings the request was routed by.</summary>
    public CapabilityManifest? Manifest { get; init; }

    public CapabilityMode? Mode { get; init; }

    /// <summary>Whether a failure of the service may be answered by the legacy side: a safe method, and fallback on.</summary>
    public bool MayFallBack { get; init; }

    public required string ServedBy { get; set; }

    /// <summary>Why the monolith answered a request that was meant for the service, if it did.</summary>
    public string? Fallback { get; set; }

    /// <summary>Whether the backend answered (with any status), so that the status is its own and can be held against it.</summary>
    public bool BackendAnswered { get; set; }

    /// <summary>The service's failed try before the monolith answered in its place: counted against the service, not the monolith.</summary>
    public FailedTry? ServiceFailedFirst { get; set; }

    /// <summary>
    /// The <c>baggage</c> header the backend and a shadow copy get, when the façade stamps its decisions (a
    /// <c>CallChain:Secret</c> is set): the caller's members and the call chain's decisions with this one, signed.
    /// </summary>
    public string? Baggage { get; set; }

    /// <summary>The decision of this request, kept where the response headers and the later steps find it.</summary>
    public static RoutingDecision Track(HttpContext context, RoutingDecision decision)
    {
        (context.Features.Get<FacadeResponse>() ?? FacadeResponse.Start(context, context.TraceIdentifier)).Decision = decision;
        return decision;
    }

    /// <summary>The decision a step before this one made for the request.</summary>
    public static RoutingDecision Of(HttpContext context) =>
        context.Features.Get<FacadeResponse>()?.Decision ?? throw new InvalidOperationException("No routing decision yet: the step runs before the one that decides.");
}

/// <summary>A try that failed before any answer: on which cluster, the status it stands for, how long it took, and when the next try began.</summary>
internal sealed record FailedTry(string Cluster, int Status, double Seconds, long RetryStartedAt);
