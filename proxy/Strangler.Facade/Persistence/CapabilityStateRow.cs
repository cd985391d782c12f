namespace Strangler.Facade.Persistence;

/// <summary>The stored state of one capability. <see cref="Version"/> guards against two replicas overwriting each other.</summary>
internal sealed class CapabilityStateRow
{
    public required string Capability { get; set; }

    public required string Mode { get; set; }

    public double Percentage { get; set; }

    /// <summary>JSON array of user ids.</summary>
    public required string Users { get; set; }

    /// <summary>JSON array of group names.</summary>
    public required string Groups { get; set; }

    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
