namespace Strangler.Contracts;

/// <summary>One audited change: who (the admin credential's name), when, which capability, from what, to what, and why.</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Who,
    string Capability,
    CapabilityState? Before,
    CapabilityState After,
    string Reason);
