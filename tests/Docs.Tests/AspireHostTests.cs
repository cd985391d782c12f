using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Docs.Tests.Runnable;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Docs.Tests;

/// <summary>
/// The README's first command, as users run it: the .NET Aspire app host starts the monolith, both
/// services and the façade, each its own process. Killed with SIGKILL, catalog-service takes only
/// itself down: reads keep being answered, by the monolith, and the other parts run on. Ctrl+C stops
/// every part. (The docs' runnable blocks run against the in-process host; see runnable-docs.md.)
/// </summary>
public sealed class AspireHostTests
{
    internal static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Each_part_is_its_own_process_and_a_killed_service_is_survived()
    {
        var ports = DocumentedPorts.Free();
        var data = TestRun.TempFolder("aspire-data");
        var (facade, monolith, catalog, ordering) = (ports[5000], ports[5100], ports[5200], ports[5300]);
        await using var host = ChildProcess.Start("dotnet",
            [Built(), "--facade-port", Text(facade), "--monolith-port", Text(monolith), "--catalog-port", Text(catalog), "--ordering-port", Text(ordering)],
            RepositoryRoot.Path,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LoopbackPort.Free()}",
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPort.Free()}",
                ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPort.Free()}",
                ["STRANGLER_DATA"] = data,
            });
        var ready = await Eventually.TrueWithinAsync(StartDeadline, () => Task.FromResult(host.HasExited || host.Output.Contains("The sample is ready", StringComparison.Ordinal)), TimeSpan.FromMilliseconds(250));
        Assert.True(ready && !host.HasExited, "The Aspire app host did not print its banner:\n" + host.Output);
        Assert.Contains($"façade            http://127.0.0.1:{facade}", host.Output, StringComparison.Ordinal);
        Assert.Matches(@"Aspire dashboard\s+http://127\.0\.0\.1:\d+/login\?t=\w+", host.Output);

        var parts = PartsOf(data);
        Assert.Equal(["Catalog.Service", "Ordering.Service", "Shop.Host", "Strangler.Facade"], parts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, parts.Values.Distinct().Count());

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{facade}") };
        using (var change = await client.PatchAsJsonAsync("/strangler/api/capabilities/catalog-read", new { mode = "Service", reason = "Aspire host test" }))
        {
            Assert.True(change.IsSuccessStatusCode, await change.Content.ReadAsStringAsync());
        }

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => await ServedByAsync(client) == "catalog-service"));

        using (var service = Process.GetProcessById(parts["Catalog.Service"]))
        {
            service.Kill();
            await service.WaitForExitAsync();
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("monolith", await ServedByAsync(client));
        }

        Assert.All(new[] { "Shop.Host", "Ordering.Service", "Strangler.Facade" }, part => Assert.True(IsRunning(parts[part]), $"{part} stopped with catalog-service."));

        host.Interrupt();
        Assert.NotNull(await host.WaitAsync(TimeSpan.FromMinutes(2)));
        // The parts, and Aspire's orchestrator with them (it carries the same environment), all end.
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(ProcessesWith(data).Count == 0)),
            "Ctrl+C left processes running: " + string.Join(", ", ProcessesWith(data).Select(process => process.Name)));
    }

    [Fact]
    public async Task A_port_another_program_holds_stops_the_start_with_one_line()
    {
        var ports = DocumentedPorts.Free();
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, ports[5200]);
        holder.Start();
        await using var host = ChildProcess.Start("dotnet",
            [Built(), "--facade-port", Text(ports[5000]), "--monolith-port", Text(ports[5100]), "--catalog-port", Text(ports[5200]), "--ordering-port", Text(ports[5300])],
            RepositoryRoot.Path, new Dictionary<string, string>());

        Assert.Equal(2, await host.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains($"Port {ports[5200]} (catalog-service) is already in use by another program. Stop that program, or move catalog-service: dotnet run --project proxy/Strangler.Aspire -- --catalog-port <free port>", host.Output, StringComparison.Ordinal);
    }

    internal static async Task<string> ServedByAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/catalog/categories");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-Served-By").Single();
    }

    /// <summary>This run's part processes, by executable name: the ones whose STRANGLER_DATA is this test's folder.</summary>
    private static Dictionary<string, int> PartsOf(string data) =>
        ProcessesWith(data).Where(process => process.Name is "Shop.Host" or "Catalog.Service" or "Ordering.Service" or "Strangler.Facade")
            .ToDictionary(process => process.Name, process => process.Pid, StringComparer.Ordinal);

    /// <summary>Every running process whose environment names this test's STRANGLER_DATA, with its executable's name.</summary>
    private static List<(string Name, int Pid)> ProcessesWith(string data)
    {
        var found = new List<(string, int)>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid) || !IsRunning(pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "environ")).Split('\0').Contains("STRANGLER_DATA=" + data))
                {
                    found.Add((Path.GetFileName(File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0')[0]), pid));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // a process that ended meanwhile
            }
        }

        return found;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string Built()
    {
        var dll = Path.Combine(RepositoryRoot.Path, "proxy", "Strangler.Aspire", "bin", BuildConfiguration.Name, "net10.0", "Strangler.Aspire.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built.");
    }
}
