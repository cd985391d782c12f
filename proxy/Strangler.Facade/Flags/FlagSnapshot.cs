using Microsoft.FeatureManagement;

namespace Strangler.Facade.Flags;

/// <summary>Every capability's state and its feature definition, built once per change and read lock-free per request.</summary>
internal sealed class FlagSnapshot(IReadOnlyDictionary<string, StoredState> states)
{
    public IReadOnlyDictionary<string, StoredState> States { get; } = states;

    public IReadOnlyDictionary<string, FeatureDefinition> Features { get; } =
        states.ToDictionary(pair => pair.Key, pair => CapabilityFeatures.Define(pair.Key, pair.Value.State), StringComparer.Ordinal);

    public StoredState? Find(string capability) => States.GetValueOrDefault(capability);
}
