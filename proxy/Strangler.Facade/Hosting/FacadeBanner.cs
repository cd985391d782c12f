using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Hosting;

/// <summary>What a person needs after start: the one address to use, and where each capability goes.</summary>
internal static class FacadeBanner
{
    public static string Describe(WebApplication app)
    {
        var address = Address(app);
        var manifest = app.Services.GetRequiredService<ManifestSource>().Current;
        var states = app.Services.GetRequiredService<CapabilityStates>().Current;
        var lines = manifest.Capabilities.Select(c =>
            $"    {c.Name,-20} {states.ModeOf(c),-8} {c.LegacyCluster} | {c.ServiceCluster}");
        return $"""
              Façade     {address}   (the one address clients use)
              Admin API  {address}{AdminRoutes.Capabilities}
              Health     {address}{AdminRoutes.Health}/ready
              Everything no capability claims goes to '{manifest.DefaultCluster}'. Capabilities (mode, legacy | service):
            {string.Join(Environment.NewLine, lines)}
            """;
    }

    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000";
}
