namespace Strangler.Facade.Shadowing;

/// <summary>Why a request was not copied or a copy not sent: the <c>reason</c> tag on the outcome metric and the keys of the counts by reason.</summary>
internal static class ShadowReasons
{
    /// <summary>A write, on a capability that does not copy writes as dry runs (or with no dry-run secret).</summary>
    public const string WriteNotDryRun = "write-not-dry-run";

    /// <summary>The body is larger than the capability's shadow body limit.</summary>
    public const string BodyOverLimit = "body-over-limit";

    /// <summary>The primary failed, was abandoned, or the monolith answered in the service's place.</summary>
    public const string PrimaryFailed = "primary-failed";

    /// <summary>The target the copy would be sent to is not a path the capability's routes claim (now).</summary>
    public const string PathNotClaimed = "path-not-claimed";

    /// <summary>Write copies of this capability are stopped after a dry run that was not honoured.</summary>
    public const string WritesStopped = "writes-stopped";

    /// <summary>The side the copy goes to had no usable destination (health checks took them out): nothing was compared, and nothing counts as a comparison error.</summary>
    public const string TargetUnavailable = "target-unavailable";

    /// <summary>The façade was short of CPU, or the primary slowed down: copies are given up first (<see cref="ShadowPressure"/>).</summary>
    public const string Shed = "shed";

    /// <summary>The queue held its most copies.</summary>
    public const string QueueFull = "queue-full";

    /// <summary>The copies queued or being captured held the most bytes allowed.</summary>
    public const string QueueBytesFull = "queue-bytes-full";
}
