namespace Strangler.Contracts;

/// <summary>
/// A change to one capability's state, as sent to <c>PATCH /strangler/api/capabilities/{name}</c>.
/// A field left out keeps its current value; <c>Reason</c> is required because every change is audited.
/// When <c>ExpectedVersion</c> is given, the change is refused (409) unless the state is still at that version.
/// </summary>
public sealed record CapabilityChange(
    CapabilityMode? Mode = null,
    double? Percentage = null,
    IReadOnlyList<string>? Users = null,
    IReadOnlyList<string>? Groups = null,
    string? Reason = null,
    long? ExpectedVersion = null);
