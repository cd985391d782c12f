using System.Text.RegularExpressions;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Docs.Tests.Runnable;

/// <summary>
/// One page followed from a clean state: its blocks run in a stand-in for the checkout
/// (<see cref="Workspace"/>), on the documented ports moved to free ones (<see cref="DocumentedPorts"/>).
/// A page that starts its own systems (a <c>background</c> block, as 09 does for "your system") gets
/// those alone; every other page gets the sample the README's first command starts.
/// </summary>
internal sealed partial class PageRun : IAsyncDisposable
{
    private static readonly TimeSpan BackgroundReadyTimeout = TimeSpan.FromMinutes(3);
    private readonly DocumentedPorts ports;
    private readonly SampleRun? sample;
    private readonly List<(RunnableBlock Block, BackgroundBlock Running)> background = [];

    private PageRun(DocumentedPorts ports, string dataFolder, SampleRun? sample)
    {
        this.ports = ports;
        this.sample = sample;
        DataFolder = dataFolder;
        WorkFolder = Workspace.Create(ports.Rewrite);
    }

    /// <summary>Where the blocks run: a stand-in for the checkout.</summary>
    public string WorkFolder { get; }

    private string DataFolder { get; }

    /// <summary>What the sample and every background block printed, for a failure's message.</summary>
    public string Log =>
        string.Join('\n', (sample is null ? [] : new[] { "--- the sample", sample.Log })
            .Concat(background.SelectMany(b => new[] { $"--- {b.Block}", b.Running.Output })));

    /// <summary>What every runnable block's shell gets: where the CLI and any service run on its own find the sample.</summary>
    private IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["STRANGLER_URL"] = ports.Url(5000),
        ["STRANGLER_DATA"] = DataFolder,
        ["Sync__Feeds__monolith-catalog__Url"] = ports.Url(5100),
        ["Sync__Feeds__monolith-ordering__Url"] = ports.Url(5100),
        ["Monolith__BaseUrl"] = ports.Url(5000),
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    public static async Task<PageRun> StartAsync(IReadOnlyList<RunnableBlock> blocks)
    {
        var ports = DocumentedPorts.Free();
        var dataFolder = TestRun.TempFolder("docs");
        var startsItsOwn = blocks.Any(block => block.Background);
        var sample = startsItsOwn ? null : await SampleRun.StartAsync(ports, dataFolder);
        return new PageRun(ports, dataFolder, sample);
    }

    /// <summary>Runs a block to its end, or for a background block until it prints what the page says it prints once ready; then what it printed, ports as documented.</summary>
    public async Task<(int? ExitCode, string Output)> RunAsync(RunnableBlock block)
    {
        if (!block.Background)
        {
            var (exit, output) = await ShellBlock.RunAsync(Rewrite(block.Script), WorkFolder, Environment);
            return (exit, ports.Restore(output));
        }

        var running = await ShellBlock.StartAsync(Rewrite(block.Script), WorkFolder, Environment);
        background.Add((block, running));
        var ready = await Eventually.TrueWithinAsync(BackgroundReadyTimeout,
            () => Task.FromResult(running.HasExited || ExpectedOutput.Matches(block.ExpectedOutput!, ports.Restore(running.Output))),
            TimeSpan.FromMilliseconds(100));
        if (running.HasExited)
        {
            return (await running.ExitCodeAsync(), ports.Restore(running.Output));
        }

        // Still running and showing what the page shows: the exit code the page expects of a server it leaves running.
        return (ready ? block.ExpectedExit : null, ports.Restore(running.Output));
    }

    /// <summary>
    /// The command as the docs write it, with the documented ports swapped for the ones in use and the
    /// projects already built. The CLI, which has no launch profile, runs straight from its build
    /// output: what <c>dotnet run</c> would run, without the second or two it spends to find it.
    /// </summary>
    private string Rewrite(string script) =>
        PublishInRelease().Replace(ports.Rewrite(script), m => $"dotnet publish '{Path.Combine(RepositoryRoot.Path, m.Groups["project"].Value)}' --no-build -c {BuildConfiguration.Name}")
            .Replace("dotnet run --project proxy/Strangler.Cli -- ", $"dotnet '{BuiltCli}' ", StringComparison.Ordinal)
            .Replace("dotnet run --project ", $"dotnet run --no-build -c {BuildConfiguration.Name} --project ", StringComparison.Ordinal)
            .Replace("dotnet test tests/", $"dotnet test --no-build -c {BuildConfiguration.Name} tests/", StringComparison.Ordinal);

    private static string BuiltCli =>
        Path.Combine(RepositoryRoot.Path, "proxy", "Strangler.Cli", "bin", BuildConfiguration.Name, "net10.0", "strangler.dll");

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, running) in background)
        {
            await running.DisposeAsync();
        }

        if (sample is not null)
        {
            await sample.DisposeAsync();
        }

        try
        {
            Workspace.Delete(WorkFolder);
            if (Directory.Exists(DataFolder))
            {
                Directory.Delete(DataFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the test run's folder is removed at its end.
        }
    }

    // What a reader publishes in Release is the build the tests just made, published as it is, from the
    // checkout itself: through the workspace's links, MSBuild leaves project references out of the deps file.
    [GeneratedRegex(@"dotnet publish (?<project>\S+) -c Release")]
    private static partial Regex PublishInRelease();
}
