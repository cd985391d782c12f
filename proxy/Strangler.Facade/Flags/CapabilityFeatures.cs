using Microsoft.FeatureManagement;
using Strangler.Contracts;

namespace Strangler.Facade.Flags;

/// <summary>
/// Turns a capability's state into a Microsoft.FeatureManagement feature with two variants, so that the
/// library's allocation (percentile by a hash of user and seed, users, groups) decides who goes where:
/// no hashing or bucketing of our own.
/// </summary>
internal static class CapabilityFeatures
{
    public const string LegacyVariant = "Legacy";
    public const string ServiceVariant = "Service";

    private static readonly VariantDefinition[] Variants = [new() { Name = LegacyVariant }, new() { Name = ServiceVariant }];
    private static readonly FeatureFilterConfiguration[] AlwaysOn = [new() { Name = "AlwaysOn" }];

    public static FeatureDefinition Define(string capability, CapabilityState state) => state.Mode switch
    {
        // Shadow is answered by the monolith: the copy to the service is not a routing decision.
        CapabilityMode.Legacy or CapabilityMode.Shadow => new FeatureDefinition
        {
            Name = capability,
            Status = FeatureStatus.Disabled,
            Variants = Variants,
            Allocation = new Allocation { DefaultWhenDisabled = LegacyVariant, DefaultWhenEnabled = LegacyVariant },
        },
        CapabilityMode.Service => new FeatureDefinition
        {
            Name = capability,
            EnabledFor = AlwaysOn,
            Variants = Variants,
            Allocation = new Allocation { DefaultWhenDisabled = LegacyVariant, DefaultWhenEnabled = ServiceVariant },
        },
        _ => new FeatureDefinition
        {
            Name = capability,
            EnabledFor = AlwaysOn,
            Variants = Variants,
            Allocation = new Allocation
            {
                DefaultWhenDisabled = LegacyVariant,
                DefaultWhenEnabled = LegacyVariant,
                User = state.Users.Count == 0 ? [] : [new UserAllocation { Variant = ServiceVariant, Users = state.Users }],
                Group = state.Groups.Count == 0 ? [] : [new GroupAllocation { Variant = ServiceVariant, Groups = state.Groups }],
                Percentile = state.Percentage <= 0 ? [] : [new PercentileAllocation { Variant = ServiceVariant, From = 0, To = state.Percentage }],
                // The capability's name as seed: each capability buckets users on its own, and raising the
                // percentage only adds users to the service side, never moves one back.
                Seed = capability,
            },
        },
    };
}
