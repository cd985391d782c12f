namespace Strangler.Contracts;

/// <summary>Who answers a capability's traffic. The names are the words used in configuration, the admin API and the CLI.</summary>
public enum CapabilityMode
{
    /// <summary>The monolith answers every request.</summary>
    Legacy,

    /// <summary>The monolith answers; a copy goes to the service to be compared (never affecting the answer).</summary>
    Shadow,

    /// <summary>A percentage of users, and the targeted users and groups, are answered by the service; each user always by the same side.</summary>
    Canary,

    /// <summary>The service answers every request; the monolith is the fallback for reads when the service is down.</summary>
    Service,
}
