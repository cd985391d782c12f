using Strangler.Contracts;

namespace Strangler.Facade.Flags;

/// <summary>
/// The one way a capability's state changes, whoever changes it (an operator through the admin API, a
/// guardrail): saved over the state it was read as, one log line saying who changed what and why, and
/// the states this replica routes by refreshed at once.
/// </summary>
internal sealed class CapabilityStateChanges(FlagStore store, CapabilityStates states, ILogger<CapabilityStateChanges> logger)
{
    /// <summary>The saved state, or null when another change came first (then nothing was changed, and theirs stands).</summary>
    public async Task<StoredState?> ApplyAsync(
        string capability, StoredState current, CapabilityState next, string who, string reason, LogLevel level, CancellationToken cancellationToken)
    {
        StoredState saved;
        try
        {
            saved = await store.SaveAsync(capability, current, next, who, reason, cancellationToken);
        }
        catch (StateConflictException)
        {
            return null;
        }

        logger.Log(level, "{Who} changed capability {Capability} from {Before} to {After}: {Reason}", who, capability, current.State, next, reason);
        await states.RefreshAsync(cancellationToken);
        return saved;
    }
}
