using Microsoft.FeatureManagement;
using Strangler.Contracts;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Flags;

/// <summary>Every capability's state and its feature definition, built once per change and read lock-free per request.</summary>
internal sealed class FlagSnapshot(IReadOnlyDictionary<string, StoredState> states)
{
    public IReadOnlyDictionary<string, StoredState> States { get; } = states;

    public IReadOnlyDictionary<string, FeatureDefinition> Features { get; } =
        states.ToDictionary(pair => pair.Key, pair => CapabilityFeatures.Define(pair.Key, pair.Value.State), StringComparer.Ordinal);

    public StoredState? Find(string capability) => States.GetValueOrDefault(capability);

    /// <summary>The capability's mode: as stored, or as the manifest starts it while the store holds nothing.</summary>
    public CapabilityMode ModeOf(Capability capability) => (Find(capability.Name)?.State ?? capability.InitialState).Mode;
}
