namespace Strangler.Facade.Persistence;

/// <summary>One audited change, written in the same transaction as the state it describes.</summary>
internal sealed class AuditEntryRow
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Who { get; set; }

    public required string Capability { get; set; }

    /// <summary>The state before, as JSON; null when the capability had only its configured initial state.</summary>
    public string? Before { get; set; }

    public required string After { get; set; }

    public required string Reason { get; set; }
}
