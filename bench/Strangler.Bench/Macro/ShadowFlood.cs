using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Strangler.Bench.Macro;

/// <summary>
/// The shadow path's memory under a flood of large writes while the service is slow: a fast monolith
/// and a service that answers each upload after 2 s, each its own process, and the façade (Release)
/// in Shadow mode copying every upload as a dry run. For each row a fresh façade is flooded with
/// 1 MiB POSTs for a fixed time by a fixed number of senders; its RSS is sampled before, during and
/// after. The rows differ only in <c>Strangler:Shadow:MaxQueuedBytes</c>: the shipped bound against one
/// so large that only the count bound (1,000 copies) holds, which is how the queue was bounded before.
/// </summary>
internal static class ShadowFlood
{
    public const string DryRunSecret = "bench-dry-run-secret-0123456789";
    private const string AdminKey = "bench-admin-key-0123456789-abcdefghij";
    private const int BodyBytes = 1024 * 1024;
    private const int Senders = 8;
    private static readonly TimeSpan Flood = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(5);

    private static readonly (string Row, string? MaxQueuedBytes)[] Rows =
    [
        ("shipped bound (32 MiB)", null),
        ("count bound only", (1024 * 1024 * 1024).ToString(CultureInfo.InvariantCulture)),
    ];

    public static async Task<bool> RunAsync(string repository, string results)
    {
        var work = Directory.CreateTempSubdirectory("strangler-flood-").FullName;
        try
        {
            return await RunAsync(repository, results, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<bool> RunAsync(string repository, string results, string work)
    {
        var ports = new { Monolith = MacroBench.FreePort(), Service = MacroBench.FreePort() };
        using var monolith = ChildProcess.Start("monolith", Environment.ProcessPath!, ["backend", "--port", MacroBench.Port(ports.Monolith)], work, Path.Combine(work, "monolith.log"));
        using var service = ChildProcess.Start("slow service", Environment.ProcessPath!,
            ["backend", "--port", MacroBench.Port(ports.Service), "--upload-delay-ms", "2000"], work, Path.Combine(work, "service.log"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        if (!await MacroBench.WaitAsync(http, $"http://127.0.0.1:{ports.Monolith}/health", TimeSpan.FromSeconds(30)) ||
            !await MacroBench.WaitAsync(http, $"http://127.0.0.1:{ports.Service}/health", TimeSpan.FromSeconds(30)))
        {
            await Console.Error.WriteLineAsync("The flood's backends did not start: " + await File.ReadAllTextAsync(Path.Combine(work, "service.log")));
            return false;
        }

        Console.WriteLine($"Shadow flood: {Senders} senders × 1 MiB POSTs for {Flood.TotalSeconds:0} s, service answers after 2 s; RSS sampled every 200 ms.");
        var measured = new List<(string Row, FloodResult Result)>();
        foreach (var (row, maxQueuedBytes) in Rows)
        {
            var port = MacroBench.FreePort();
            using var facade = StartFacade(repository, work, port, ports.Monolith, ports.Service, maxQueuedBytes);
            if (!await MacroBench.WaitAsync(http, $"http://127.0.0.1:{port}/strangler/health/ready", TimeSpan.FromSeconds(60)))
            {
                await Console.Error.WriteLineAsync("The façade did not start: " + await File.ReadAllTextAsync(Path.Combine(work, $"facade-{port}.log")));
                return false;
            }

            var result = await FloodAsync(facade, $"http://127.0.0.1:{port}", http);
            measured.Add((row, result));
            Console.WriteLine($"  {row,-24} idle {result.IdleMiB,5:0} MiB  peak {result.PeakMiB,5:0} MiB  at the end {result.EndMiB,5:0} MiB  " +
                $"drained in {result.Drain.TotalSeconds:0} s, {After.TotalSeconds:0} s later {result.AfterMiB,5:0} MiB  {result.Uploads} uploads, {result.Failed} failed");
        }

        var report = Report(measured);
        Console.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(results, "flood.md"), report);
        return measured.All(m => m.Result.Failed == 0);
    }

    private static async Task<FloodResult> FloodAsync(ChildProcess facade, string address, HttpClient admin)
    {
        var idle = facade.RssMiB();
        var body = new byte[BodyBytes];
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var uploads = 0;
        var failed = 0;
        var peak = idle;
        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, facade.RssMiB());
                await Task.Delay(200, CancellationToken.None);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < Flood)
            {
                using var response = await client.PostAsync(address + "/upload", new ByteArrayContent(body));
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref uploads : ref failed);
            }
        })));
        var end = facade.RssMiB();
        // The copies already queued are still sent to the slow service; memory is judged once they are done.
        var drained = Stopwatch.StartNew();
        var stats = "";
        while (drained.Elapsed < DrainLimit)
        {
            stats = await admin.GetStringAsync(address + Strangler.Contracts.AdminRoutes.Comparison("uploads"));
            if (stats.Contains("\"pending\":0,", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(500);
        }

        var drain = drained.Elapsed;
        await Task.Delay(After);
        await sampling.CancelAsync();
        await sampler;
        return new FloodResult(idle, peak, end, drain, facade.RssMiB(), uploads, failed, stats);
    }

    private static string Report(List<(string Row, FloodResult Result)> measured)
    {
        var md = new StringBuilder();
        md.AppendLine("## Shadow flood (RSS)").AppendLine()
          .AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Senders} senders × 1 MiB POSTs for {Flood.TotalSeconds:0} s, Shadow mode with dry-run writes, the service answering after 2 s.")
          .AppendLine()
          .AppendLine(CultureInfo.InvariantCulture, $"| row | idle MiB | peak MiB | at flood end MiB | queue drained after | {After.TotalSeconds:0} s after drained MiB | peak / idle | uploads |")
          .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (row, r) in measured)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row} | {r.IdleMiB:0} | {r.PeakMiB:0} | {r.EndMiB:0} | {(r.Drain < DrainLimit ? $"{r.Drain.TotalSeconds:0} s" : $"not in {DrainLimit.TotalSeconds:0} s")} | {r.AfterMiB:0} | {r.PeakMiB / r.IdleMiB:0.0} | {r.Uploads} |");
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Peak with the shipped bound / peak with the count bound only: {measured[0].Result.PeakMiB / measured[1].Result.PeakMiB:0.00}.");
        foreach (var (row, r) in measured)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Shadow counts, {row}: `{r.Stats}`");
        }

        return md.ToString();
    }

    private static ChildProcess StartFacade(string repository, string work, int port, int monolithPort, int servicePort, string? maxQueuedBytes)
    {
        var folder = Path.Combine(repository, "proxy", "Strangler.Facade", "bin", "Release", "net10.0");
        var contentRoot = Directory.CreateDirectory(Path.Combine(work, "facade-" + port.ToString(CultureInfo.InvariantCulture))).FullName;
        List<string> settings =
        [
            "Strangler:DefaultCluster=monolith",
            $"Strangler:Clusters:monolith:Destinations:0=http://127.0.0.1:{monolithPort}",
            $"Strangler:Clusters:slow:Destinations:0=http://127.0.0.1:{servicePort}",
            "Strangler:Capabilities:uploads:Routes:0:Path=/upload",
            "Strangler:Capabilities:uploads:Routes:0:Methods:0=POST",
            "Strangler:Capabilities:uploads:Legacy=monolith",
            "Strangler:Capabilities:uploads:Service=slow",
            "Strangler:Capabilities:uploads:InitialState:Mode=Shadow",
            "Strangler:Capabilities:uploads:Shadow:DryRunWrites=true",
            "Strangler:Capabilities:uploads:Shadow:Timeout=00:00:30",
            $"Strangler:Shadow:DryRunSecret={DryRunSecret}",
            $"Strangler:FlagStore:SqlitePath={Path.Combine(contentRoot, "flags.db")}",
            $"Strangler:Admin:Keys:bench={AdminKey}",
            "Serilog:MinimumLevel:Default=Warning",
        ];
        if (maxQueuedBytes is not null)
        {
            settings.Add($"Strangler:Shadow:MaxQueuedBytes={maxQueuedBytes}");
        }

        return ChildProcess.Start("façade", "dotnet",
            [Path.Combine(folder, "Strangler.Facade.dll"), $"--contentRoot={contentRoot}", $"--urls=http://127.0.0.1:{port}", "--environment=Production",
             .. settings.Select(s => "--" + s)],
            folder, Path.Combine(work, $"facade-{port}.log"));
    }

    private sealed record FloodResult(double IdleMiB, double PeakMiB, double EndMiB, TimeSpan Drain, double AfterMiB, int Uploads, int Failed, string Stats);
}
