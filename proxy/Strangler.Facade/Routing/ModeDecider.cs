using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Strangler.Facade.Flags;

namespace Strangler.Facade.Routing;

/// <summary>Asks Microsoft.FeatureManagement which variant, Legacy or Service, a request of a capability gets.</summary>
internal sealed class ModeDecider(IVariantFeatureManager features)
{
    public async ValueTask<Side> DecideAsync(string capability, TargetingContext targeting, CancellationToken cancellationToken)
    {
        var variant = await features.GetVariantAsync(capability, targeting, cancellationToken);
        return variant?.Name == CapabilityFeatures.ServiceVariant ? Side.Service : Side.Legacy;
    }
}
