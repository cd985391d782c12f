using Strangler.Contracts;

namespace Strangler.Facade.Requests;

/// <summary>The side chosen for one request.</summary>
internal enum Side
{
    Legacy,
    Service,
}

/// <summary>What the façade decided for one request, kept on the request for logging and response headers.</summary>
internal sealed class RoutingDecision
{
    public string? Capability { get; init; }

    public CapabilityMode? Mode { get; init; }

    public required string ServedBy { get; set; }

    /// <summary>Why the monolith answered a request that was meant for the service, if it did.</summary>
    public string? Fallback { get; set; }

    /// <summary>Whether the backend answered (with any status), so that the status is its own and can be held against it.</summary>
    public bool BackendAnswered { get; set; }

    /// <summary>The service's failed try before the monolith answered in its place: counted against the service, not the monolith.</summary>
    public FailedTry? ServiceFailedFirst { get; set; }
}

/// <summary>A try that failed before any answer: on which cluster, the status it stands for, how long it took, and when the next try began.</summary>
internal sealed record FailedTry(string Cluster, int Status, double Seconds, long RetryStartedAt);
