using Strangler.ServiceDefaults.Settings;

namespace Shop.BuildingBlocks.Hosting;

/// <summary>How a shop host refuses settings it cannot run with: one message that begins the same wherever the problems were found.</summary>
public static class ShopSettings
{
    public const string Subject = "The shop's configuration";

    public static InvalidSettingsException Refused(params string[] problems) => new(Subject, problems);
}
