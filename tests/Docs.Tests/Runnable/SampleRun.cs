using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Docs.Tests.Runnable;

/// <summary>
/// The sample as the README's first command starts it (<c>dotnet run --project proxy/Strangler.AppHost</c>),
/// from a clean state: its SQLite files in a new folder (<c>STRANGLER_DATA</c>) and its four parts on
/// free loopback ports (<see cref="DocumentedPorts"/>), so it can run beside a developer's own sample.
/// </summary>
internal sealed class SampleRun : IAsyncDisposable
{
    public const string Banner = "Strangler sample is running";

    // The app host gives up on readiness itself, and says which part was not ready; the test waits a
    // little longer than that, for the build-free start and the backfills before it.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StartTimeout = ReadyTimeout + TimeSpan.FromMinutes(2);
    private readonly ChildProcess process;
    private readonly DocumentedPorts ports;

    private SampleRun(ChildProcess process, string dataFolder, DocumentedPorts ports)
    {
        this.process = process;
        DataFolder = dataFolder;
        this.ports = ports;
    }

    public string DataFolder { get; }

    public string FacadeUrl => ports.Url(5000);

    public string MonolithUrl => ports.Url(5100);

    public string CatalogServiceUrl => ports.Url(5200);

    public string OrderingServiceUrl => ports.Url(5300);

    public string Log => process.Output;

    /// <summary>The sample on its own ports, its files in a new folder: ready when this returns.</summary>
    public static async Task<SampleRun> StartAsync() => await StartAsync(DocumentedPorts.Free(), TestRun.TempFolder("docs"));

    public static async Task<SampleRun> StartAsync(DocumentedPorts ports, string dataFolder)
    {
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

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the test run's folder is removed at its end.
        }
    }

    /// <summary>
    /// The README's first command, built already, with each documented port moved to the one in use and
    /// every part's files under <paramref name="dataFolder"/>.
    /// </summary>
    public static ChildProcess StartAppHost(DocumentedPorts ports, string dataFolder, params string[] more) =>
        ChildProcess.Start(
            "dotnet",
            ["run", "--no-build", "-c", BuildConfiguration.Name, "--project", "proxy/Strangler.AppHost", "--",
             "--facade-port", $"{ports[5000]}", "--monolith-port", $"{ports[5100]}",
             "--catalog-port", $"{ports[5200]}", "--ordering-port", $"{ports[5300]}", .. more],
            RepositoryRoot.Path,
            new Dictionary<string, string> { ["STRANGLER_DATA"] = dataFolder, ["DOTNET_NOLOGO"] = "1" });

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
}
