using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Strangler.Facade.Hosting;

/// <summary>
/// In Development the admin API may run without a key and the sample's dry-run secret is public; on an
/// address other machines can reach, that is an open door. Warned at start, once the addresses are known.
/// </summary>
internal static class ExposureWarning
{
    public static void WarnWhenExposedInDevelopment(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var exposed = addresses.Where(address => !IsLoopback(address)).ToList();
            if (app.Environment.IsDevelopment() && exposed.Count > 0)
            {
                app.Logger.LogWarning(
                    "The façade runs with Development settings on {Addresses}, which other machines can reach: its development secrets are in the repository for anyone to read. Bind to 127.0.0.1, or run with Production settings and admin keys of your own.",
                    string.Join(", ", exposed));
            }
        });

    /// <summary>True for localhost and loopback IPs; false for a wildcard (*, +, 0.0.0.0, [::]) or any other host.</summary>
    internal static bool IsLoopback(string address)
    {
        var host = address.Split("://", 2)[^1].Split('/')[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }
}
