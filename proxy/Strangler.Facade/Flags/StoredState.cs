using Strangler.Contracts;

namespace Strangler.Facade.Flags;

/// <summary>
/// A capability's state with its bookkeeping. Version 0 means nothing is stored yet: the state is the
/// manifest's initial state, and the first change inserts the row.
/// </summary>
internal sealed record StoredState(CapabilityState State, long Version, DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    public static StoredState Initial(CapabilityState state) => new(state, 0, null, null);
}
