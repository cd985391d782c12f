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
    public const string Banner = "Strangler sample is running";

    // The app host gives up on readiness itself, and says which part was not ready; the test waits a
    // little longer than that, for the build-free start and the backfills before it.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StartTimeout = ReadyTimeout + TimeSpan.FromMinutes(2);
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

    public string MonolithUrl => "http://127.0.0.1:" + ports[5100];

    public string CatalogServiceUrl => "http://127.0.0.1:" + ports[5200];

    public string OrderingServiceUrl => "http://127.0.0.1:" + ports[5300];

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
        var dataFolder = TestRun.TempFolder("docs");
        var ports = DistinctFreePorts();
        var process = StartAppHost(ports, dataFolder, "--ready-timeout", $"{ReadyTimeout.TotalSeconds:0}");
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

    /// <summary>
    /// The command as the docs write it, with the documented ports swapped for the ones in use and the
    /// projects already built. The CLI, which has no launch profile, runs straight from its build
    /// output: what <c>dotnet run</c> would run, without the second or two it spends to find it.
    /// </summary>
    public string Rewrite(string script) =>
        DocumentedAddress().Replace(script, m => "127.0.0.1:" + ports[int.Parse(m.Groups["port"].Value)])
            .Replace("dotnet run --project proxy/Strangler.Cli -- ", $"dotnet '{BuiltCli}' ", StringComparison.Ordinal)
            .Replace("dotnet run --project ", $"dotnet run --no-build -c {BuildConfiguration.Name} --project ", StringComparison.Ordinal);

    private static string BuiltCli =>
        Path.Combine(RepositoryRoot.Path, "proxy", "Strangler.Cli", "bin", BuildConfiguration.Name, "net10.0", "strangler.dll");

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

    /// <summary>
    /// The README's first command, built already, with each documented port (the keys of
    /// <paramref name="ports"/>) moved to its value and every part's files under <paramref name="dataFolder"/>.
    /// </summary>
    public static ChildProcess StartAppHost(IReadOnlyDictionary<int, int> ports, string dataFolder, params string[] more) =>
        ChildProcess.Start(
            "dotnet",
            ["run", "--no-build", "-c", BuildConfiguration.Name, "--project", "proxy/Strangler.AppHost", "--",
             "--facade-port", $"{ports[5000]}", "--monolith-port", $"{ports[5100]}",
             "--catalog-port", $"{ports[5200]}", "--ordering-port", $"{ports[5300]}", .. more],
            RepositoryRoot.Path,
            new Dictionary<string, string> { ["STRANGLER_DATA"] = dataFolder, ["DOTNET_NOLOGO"] = "1" });

    /// <summary>A free loopback port for each documented one, no two alike.</summary>
    public static Dictionary<int, int> DistinctFreePorts()
    {
        int[] documented = [5000, 5100, 5200, 5300];
        var free = new HashSet<int>();
        while (free.Count < documented.Length)
        {
            free.Add(LoopbackPort.Free());
        }

        return documented.Zip(free).ToDictionary(pair => pair.First, pair => pair.Second);
    }

    /// <summary>
    /// Until the banner is printed: the app host prints it only once every part is ready, every
    /// cluster Healthy and every sync feed pulled (the same readiness a user waits for).
    /// </summary>
    private async Task WaitUntilReadyAsync()
    {
        var ready = await Eventually.TrueWithinAsync(StartTimeout, () =>
        {
            if (process.HasExited && !Log.Contains(Banner, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The sample stopped while starting:\n" + Log);
            }

            return Task.FromResult(Log.Contains(Banner, StringComparison.Ordinal));
        }, TimeSpan.FromMilliseconds(100));
        if (!ready)
        {
            throw new TimeoutException($"The sample printed no banner within {StartTimeout}:\n" + Log);
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1:(?<port>5000|5100|5200|5300)\b")]
    private static partial Regex DocumentedAddress();
}
