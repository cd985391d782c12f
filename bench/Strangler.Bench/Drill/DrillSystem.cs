using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Testing.Infrastructure;
using Testing.Infrastructure.Databases;

namespace Strangler.Bench.Drill;

/// <summary>
/// The monolith, ordering-service and the façade as three OS processes on loopback, with sync both
/// ways and the service calling stock and payments through the façade, as the sample runs them; on
/// SQLite files or on PostgreSQL. Recovery is tuned to act within seconds (a 10 s placement timeout,
/// a 1 s sweep) so a drill does not wait out the two-minute default.
/// </summary>
internal sealed class DrillSystem : IDisposable
{
    public const string AdminKey = "crash-drill-admin-key-0123456789-abcdef";
    public const string PlacementTimeout = "00:00:10";
    private const string DryRunSecret = "crash-drill-dry-run-secret-0123456789-abcdef";
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(3);

    private readonly string _repository;
    private readonly string _cli;

    private DrillSystem(string repository, string work, DrillPart monolith, DrillPart ordering, DrillPart facade)
    {
        _repository = repository;
        Work = work;
        Monolith = monolith;
        Ordering = ordering;
        Facade = facade;
        _cli = Built(repository, "proxy", "Strangler.Cli", assembly: "strangler");
        Admin = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public string Work { get; }

    public DrillPart Monolith { get; }

    public DrillPart Ordering { get; }

    public DrillPart Facade { get; }

    public HttpClient Admin { get; }

    public static async Task<DrillSystem> StartAsync(string repository, bool postgres, TextWriter log, CancellationToken cancellationToken)
    {
        var work = TestRun.TempFolder("crash-drill");
        var (monolithPort, orderingPort, facadePort) = (FreePort(), FreePort(), FreePort());
        var (monolithUrl, orderingUrl, facadeUrl) = ($"http://127.0.0.1:{monolithPort}", $"http://127.0.0.1:{orderingPort}", $"http://127.0.0.1:{facadePort}");
        string[] recovery = [$"--Ordering:PlacementTimeout={PlacementTimeout}", "--Ordering:RecoveryInterval=00:00:01"];
        string[] quiet = ["--environment=Production", "--Serilog:MinimumLevel:Default=Warning", $"--Admin:ApiKey={AdminKey}", $"--DryRun:Secret={DryRunSecret}"];
        var monolith = new DrillPart("monolith", Built(repository, "legacy-monolith", "Shop.Host"),
            [$"--contentRoot={Path.Combine(repository, "legacy-monolith", "Shop.Host")}", .. quiet, .. recovery,
             .. await DatabaseAsync(postgres, work, "monolith"),
             $"--Sync:Feeds:ordering-service:Url={orderingUrl}", $"--Sync:Feeds:ordering-service:ApiKey={AdminKey}",
             "--Sync:Feeds:ordering-service:PollInterval=00:00:00.200"],
            monolithPort, Path.Combine(work, "monolith.log"));
        string[] orderingArguments =
        [
            $"--contentRoot={Path.Combine(repository, "extracted-services", "Ordering.Service")}", .. quiet, .. recovery,
            .. await DatabaseAsync(postgres, work, "ordering"),
            $"--Sync:Feeds:monolith-ordering:Url={monolithUrl}", $"--Sync:Feeds:monolith-ordering:ApiKey={AdminKey}",
            "--Sync:Feeds:monolith-ordering:PollInterval=00:00:00.200",
            $"--Monolith:BaseUrl={facadeUrl}", $"--Monolith:ApiKey={AdminKey}",
        ];
        var ordering = new DrillPart("ordering-service", Built(repository, "extracted-services", "Ordering.Service"), orderingArguments, orderingPort, Path.Combine(work, "ordering.log"));
        // The drill runs no catalog-service: its cluster points at the monolith, which serves the same
        // contract, so no part of the façade reads as down. Catalog stays in Legacy mode throughout.
        var facade = new DrillPart("façade", Built(repository, "proxy", "Strangler.Facade"),
            [$"--contentRoot={Path.Combine(repository, "proxy", "Strangler.Facade")}", "--environment=Production", "--Serilog:MinimumLevel:Default=Warning",
             $"--Strangler:Admin:Keys:drill={AdminKey}", $"--Strangler:Shadow:DryRunSecret={DryRunSecret}",
             $"--Strangler:Clusters:monolith:Destinations:0={monolithUrl}", $"--Strangler:Clusters:catalog-service:Destinations:0={monolithUrl}",
             $"--Strangler:Clusters:ordering-service:Destinations:0={orderingUrl}",
             $"--Strangler:FlagStore:SqlitePath={Path.Combine(work, "flags.db")}", $"--Strangler:Recording:Directory={Path.Combine(work, "recordings")}",
             // The drill is about crash safety, not identity: its writes carry no tokens, and Production has no keys to check them by.
             "--Strangler:Capabilities:catalog-read:Auth=None", "--Strangler:Capabilities:ordering:Auth=None"],
            facadePort, Path.Combine(work, "facade.log"));
        var system = new DrillSystem(repository, work, monolith, ordering, facade);
        try
        {
            log.WriteLine($"Starting the monolith ({monolithUrl}), ordering-service ({orderingUrl}) and the façade ({facadeUrl}) as processes; logs in {work}");
            monolith.Start();
            await monolith.WaitReadyAsync(system.Admin, ReadyDeadline, cancellationToken);
            await system.BackfillAsync(ordering.LogFile, orderingArguments, cancellationToken);
            ordering.Start();
            await ordering.WaitReadyAsync(system.Admin, ReadyDeadline, cancellationToken);
            facade.Start();
            await facade.WaitReadyAsync(system.Admin, ReadyDeadline, cancellationToken);
            return system;
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    /// <summary>Kills a part with SIGKILL and starts it again on the same port and database, waiting until it is ready.</summary>
    public async Task KillAndRestartAsync(DrillPart part, CancellationToken cancellationToken)
    {
        part.Kill();
        part.Start();
        await part.WaitReadyAsync(Admin, ReadyDeadline, cancellationToken);
    }

    /// <summary>Waits until each side's feed of the other has polled since <paramref name="after"/> and has nothing left to apply.</summary>
    public async Task DrainAsync(DateTime after, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + deadline;
        while (!(await DrainedAsync(Monolith, after, cancellationToken) && await DrainedAsync(Ordering, after, cancellationToken)))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Sync did not drain within {deadline.TotalSeconds:0} s; see {Work}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Runs the strangler CLI as an operator would; returns its exit code and what it printed.</summary>
    public Task<(int ExitCode, string Output)> CliAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunToEndAsync(_cli, arguments, cancellationToken);

    public Task<(int ExitCode, string Output)> SwitchOrderingAsync(string mode, CancellationToken cancellationToken) =>
        CliAsync(["set", "ordering", "--mode", mode, "--reason", $"crash drill: ordering writes to {mode}", "--url", Facade.Address.ToString(), "--key", AdminKey], cancellationToken);

    public Task<(int ExitCode, string Output)> ReconcileAsync(int waitSeconds, CancellationToken cancellationToken) =>
        CliAsync(
            ["reconcile", "--dataset", "orders", "--legacy", Monolith.Address.ToString(), "--candidate", Ordering.Address.ToString(),
             "--legacy-key", AdminKey, "--candidate-key", AdminKey, "--settle", "0", "--wait", waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--json", "--timeout", "60"],
            cancellationToken);

    private async Task<bool> DrainedAsync(DrillPart part, DateTime after, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await Admin.GetStringAsync(new Uri(part.Address, "/api/sync/status"), cancellationToken));
            return document.RootElement.EnumerateArray().All(feed =>
                feed.GetProperty("lag").GetInt64() == 0
                && feed.GetProperty("lastPolledAt") is { ValueKind: JsonValueKind.String } polled && polled.GetDateTime().ToUniversalTime() > after);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task BackfillAsync(string logFile, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exit, output) = await RunToEndAsync(Built(_repository, "extracted-services", "Ordering.Service"), ["backfill", .. arguments], cancellationToken);
        await File.AppendAllTextAsync(logFile, output, cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"ordering-service backfill exited {exit}: {output}");
        }
    }

    /// <summary>Runs <c>dotnet <paramref name="dll"/></c> to its end; its exit code and everything it printed.</summary>
    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string dll, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Path.GetFileName(dll)} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private static async Task<string[]> DatabaseAsync(bool postgres, string work, string name) =>
        postgres
            ? ["--Database:Provider=PostgreSql", $"--Database:ConnectionString={await PostgresServer.Shared.CreateDatabaseAsync("drill_" + name)}"]
            : ["--Database:Provider=Sqlite", $"--Database:SqliteDirectory={Directory.CreateDirectory(Path.Combine(work, name)).FullName}"];

    /// <summary>The part's own build output, in the configuration this harness was built in.</summary>
    private static string Built(string repository, string folder, string project, string? assembly = null)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(repository, folder, project, "bin", configuration, "net10.0", (assembly ?? project) + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the solution ({configuration}) first.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Facade.Dispose();
        Ordering.Dispose();
        Monolith.Dispose();
        Admin.Dispose();
    }
}
