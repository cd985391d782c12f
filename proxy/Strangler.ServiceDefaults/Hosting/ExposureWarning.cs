using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Strangler.ServiceDefaults.Hosting;

/// <summary>
/// Development settings hold keys and secrets everyone can read in the repository; on an address
/// other machines can reach, they are keys to the host. Warned at start, once the addresses are known.
/// </summary>
public static class ExposureWarning
{
    /// <param name="app">The host.</param>
    /// <param name="name">How the log names the host ("The façade", "catalog-service").</param>
    /// <param name="secrets">What its Development settings give away ("its development admin key and dry-run secret").</param>
    public static void WarnWhenExposedInDevelopment(this WebApplication app, string name, string secrets) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var exposed = NonLoopback(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
            if (app.Environment.IsDevelopment() && exposed.Count > 0)
            {
                app.Logger.LogWarning(
                    "{Name} runs with Development settings on {Addresses}, which other machines can reach: {Secrets} are in the repository for anyone to read. Bind to 127.0.0.1, or run with Production settings and keys of your own.",
                    name, string.Join(", ", exposed), secrets);
            }
        });

    /// <summary>The addresses that are not loopback: a wildcard (*, +, 0.0.0.0, [::]) or a named host or address.</summary>
    public static IReadOnlyList<string> NonLoopback(IEnumerable<string> addresses) =>
        addresses.Where(address => !IsLoopback(address)).ToList();

    /// <summary>True for localhost and loopback IPs; false for a wildcard (*, +, 0.0.0.0, [::]) or any other host.</summary>
    public static bool IsLoopback(string address)
    {
        var host = address.Split("://", 2)[^1].Split('/')[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        return IsLoopbackHost(host);
    }

    /// <summary>True for <c>localhost</c> and loopback IPs, bracketed or not.</summary>
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
