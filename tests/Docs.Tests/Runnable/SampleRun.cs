using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Docs.Tests.Runnable;

/// <summary>
/// The sample as the README's first command starts it (<c>dotnet run --project proxy/Strangler.AppHost</c>),
/// from a clean state: its SQLite files in a new folder (<c>STRANGLER_DATA</c>) and its four parts on
/// free loopback ports, so it can run beside a developer's own sample. The docs' commands name the
/// documented ports; <see cref="Rewrite"/> points them at the ones in use and <see cref="Restore"/>
/// turns what they print back.
/// </summary>
internal sealed partial class SampleRun : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly ChildProcess process;
    private readonly Dictionary<int, int> ports;

    private SampleRun(ChildProcess process, string dataFolder, Dictionary<int, int> ports)
    {
        this.process = process;
        DataFolder = dataFolder;
        this.ports = ports;
    }

    public string DataFolder { get; }

    /// <summary>Where the blocks run: a stand-in for the checkout (see <see cref="Runnable.Workspace"/>).</summary>
    public string WorkFolder { get; } = Runnable.Workspace.Create();

    public string FacadeUrl => "http://127.0.0.1:" + ports[5000];

    public string Log => process.Output;

    /// <summary>What every runnable block's shell gets: where the CLI and any service run on its own find the sample.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["STRANGLER_URL"] = FacadeUrl,
        ["STRANGLER_DATA"] = DataFolder,
        ["Sync__Feeds__monolith-catalog__Url"] = "http://127.0.0.1:" + ports[5100],
        ["Sync__Feeds__monolith-ordering__Url"] = "http://127.0.0.1:" + ports[5100],
        ["Monolith__BaseUrl"] = FacadeUrl,
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    public static async Task<SampleRun> StartAsync()
    {
        var dataFolder = Directory.CreateTempSubdirectory("strangler-docs-").FullName;
        var ports = DistinctFreePorts();
        var process = ChildProcess.Start(
            "dotnet",
            ["run", "--no-build", "-c", BuildConfiguration.Name, "--project", "proxy/Strangler.AppHost", "--",
             "--facade-port", $"{ports[5000]}", "--monolith-port", $"{ports[5100]}",
             "--catalog-port", $"{ports[5200]}", "--ordering-port", $"{ports[5300]}"],
            RepositoryRoot.Path,
            new Dictionary<string, string> { ["STRANGLER_DATA"] = dataFolder, ["DOTNET_NOLOGO"] = "1" });
        var run = new SampleRun(process, dataFolder, ports);
        try
        {
            await run.WaitUntilReadyAsync();
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>The command as the docs write it, with the documented ports swapped for the ones in use and the projects already built.</summary>
    public string Rewrite(string script) =>
        DocumentedAddress().Replace(script, m => "127.0.0.1:" + ports[int.Parse(m.Groups["port"].Value)])
            .Replace("dotnet run --project ", $"dotnet run --no-build -c {BuildConfiguration.Name} --project ", StringComparison.Ordinal);

    /// <summary>What a command printed, with the ports in use named as the docs name them.</summary>
    public string Restore(string output) =>
        ports.Aggregate(output, (text, port) => text.Replace("127.0.0.1:" + port.Value, "127.0.0.1:" + port.Key, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        try
        {
            Runnable.Workspace.Delete(WorkFolder);
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the temporary folder is the system's to clean.
        }
    }

    private static Dictionary<int, int> DistinctFreePorts()
    {
        int[] documented = [5000, 5100, 5200, 5300];
        var free = new HashSet<int>();
        while (free.Count < documented.Length)
        {
            free.Add(LoopbackPort.Free());
        }

        return documented.Zip(free).ToDictionary(pair => pair.First, pair => pair.Second);
    }

    /// <summary>Until the banner is printed and the façade has a health verdict on every cluster, as a user would see it.</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The sample stopped while starting:\n" + Log);
            }

            if (Log.Contains("Strangler sample is running", StringComparison.Ordinal) && await AllHealthKnownAsync(http))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The sample did not start within {StartTimeout}:\n" + Log);
    }

    private async Task<bool> AllHealthKnownAsync(HttpClient http)
    {
        try
        {
            var capabilities = await http.GetFromJsonAsync<JsonElement>(FacadeUrl + "/strangler/api/capabilities");
            return capabilities.EnumerateArray().All(c =>
                c.GetProperty("legacyHealth").GetString() != "Unknown" && c.GetProperty("serviceHealth").GetString() != "Unknown");
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1:(?<port>5000|5100|5200|5300)\b")]
    private static partial Regex DocumentedAddress();
}
