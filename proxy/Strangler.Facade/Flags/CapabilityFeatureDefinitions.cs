using Microsoft.FeatureManagement;

namespace Strangler.Facade.Flags;

/// <summary>Serves Microsoft.FeatureManagement the feature definitions of the current snapshot, one per capability.</summary>
internal sealed class CapabilityFeatureDefinitions(CapabilityStates states) : IFeatureDefinitionProvider
{
    public Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName) =>
        Task.FromResult(states.Current.Features.GetValueOrDefault(featureName)!);

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        foreach (var feature in states.Current.Features.Values)
        {
            yield return feature;
        }

        await Task.CompletedTask;
    }
}
