namespace Strangler.Facade.Flags;

/// <summary>Someone (another operator, replica or guardrail) changed the capability after it was read.</summary>
internal sealed class StateConflictException(string capability, long expectedVersion)
    : Exception($"Capability '{capability}' is no longer at version {expectedVersion}: it was changed meanwhile. Read it again and retry.");
