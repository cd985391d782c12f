using Docs.Tests.Runnable;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Docs.Tests;

/// <summary>
/// Each part run on its own, as docs 01, 02 and 04 run them, on a port another program holds: one line
/// naming the address and the option that moves it, exit 2, and no stack trace.
/// </summary>
public sealed class StandaloneHostTests
{
    public static TheoryData<string, string, string> Hosts => new()
    {
        { "monolith", "legacy-monolith/Shop.Host", "Shop.Host.dll" },
        { "catalog-service", "extracted-services/Catalog.Service", "Catalog.Service.dll" },
        { "ordering-service", "extracted-services/Ordering.Service", "Ordering.Service.dll" },
        { "façade", "proxy/Strangler.Facade", "Strangler.Facade.dll" },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_port_in_use_gives_one_line_naming_it_and_exit_2(string name, string project, string assembly)
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var busy = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var data = TestRun.TempFolder("standalone-" + name.Replace('ç', 'c'));
        var folder = Path.Combine(RepositoryRoot.Path, project);

        await using var host = ChildProcess.Start(
            "dotnet",
            [Path.Combine(folder, "bin", BuildConfiguration.Name, "net10.0", assembly), $"--urls=http://127.0.0.1:{busy}",
             $"--Strangler:FlagStore:SqlitePath={Path.Combine(data, "flags.db")}", "--Serilog:MinimumLevel:Default=Warning"],
            folder,
            new Dictionary<string, string> { ["STRANGLER_DATA"] = data, ["DOTNET_ENVIRONMENT"] = "Development", ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var exit = await host.WaitAsync(Eventually.Generous);

        Assert.True(exit == 2, $"exit {exit}: {host.Output}");
        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines, l => l.Contains("address already in use", StringComparison.Ordinal));
        Assert.Equal(
            $"{name}: Failed to bind to address http://127.0.0.1:{busy}: address already in use. Another program holds that port: stop it, or start {name} on another port with --urls=http://127.0.0.1:<free port>",
            line);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }
}
