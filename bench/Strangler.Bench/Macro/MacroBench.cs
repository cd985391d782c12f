using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Strangler.Bench.Macro;

/// <summary>
/// Starts, each as its own process on 127.0.0.1: the fixed-payload backend, the real monolith (catalog
/// reads), nginx as a plain keep-alive proxy_pass, YARP with none of the kit's code (<see cref="BareYarp"/>),
/// and the façade (Release). Then runs wrk against
/// every target in turn, round after round (A B C A B C ...), so that drift on a busy two-core machine
/// hits all targets alike. Bounded: rounds × targets × duration.
/// </summary>
internal static class MacroBench
{
    private const string AdminKey = "bench-admin-key-0123456789-abcdefghij";
    internal const string BareYarpTarget = "bare YARP";
    internal const string BareForwarderTarget = "bare forwarder";
    private static readonly int Rounds = Setting("STRANGLER_BENCH_ROUNDS", 3);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(Setting("STRANGLER_BENCH_SECONDS", 6));
    private static readonly int Connections = Setting("STRANGLER_BENCH_CONNECTIONS", 32);

    /// <summary>Moderate load: 4 clients × 250 req/s, far below what any target here can serve.</summary>
    private const int RateClients = 4;
    private const int RatePerClient = 250;

    private static readonly (string Endpoint, string Path, string Capability)[] Endpoints =
    [
        ("fixed 1 KiB", "/fixed", "fixed"),
        ("monolith catalog read", "/api/catalog/products?pageSize=10", "catalog-read"),
    ];

    private static readonly (string Target, string? Mode)[] Targets =
    [
        ("direct", null), ("nginx", null), (BareForwarderTarget, null), (BareYarpTarget, null), ("façade Legacy", "Legacy"), ("façade Canary 50 %", "Canary"), ("façade Shadow", "Shadow"),
    ];

    public static async Task<bool> RunAsync(string repository, string results)
    {
        if (await Tools.EnsureAsync() is { } missing)
        {
            await Console.Error.WriteLineAsync("Macro benchmark cannot run: " + missing);
            return false;
        }

        var work = Directory.CreateTempSubdirectory("strangler-bench-").FullName;
        var script = Path.Combine(work, "users.lua");
        await File.WriteAllTextAsync(script, Wrk.Script);
        var ports = new { Fixed = FreePort(), Monolith = FreePort(), Nginx = FreePort(), Bare = FreePort(), Forwarder = FreePort(), Facade = FreePort() };
        using var fixedBackend = ChildProcess.Start("fixed backend", Environment.ProcessPath!, ["backend", "--port", Port(ports.Fixed)], work, Path.Combine(work, "backend.log"));
        using var monolith = StartMonolith(repository, ports.Monolith, work);
        using var nginx = Nginx.Start(work, ports.Nginx, ports.Monolith, ports.Fixed);
        using var bare = ChildProcess.Start(BareYarpTarget, Environment.ProcessPath!,
            ["bare-yarp", "--port", Port(ports.Bare), "--fixed", $"http://127.0.0.1:{ports.Fixed}", "--monolith", $"http://127.0.0.1:{ports.Monolith}"],
            work, Path.Combine(work, "bare-yarp.log"));
        using var forwarder = ChildProcess.Start(BareForwarderTarget, Environment.ProcessPath!,
            ["bare-forwarder", "--port", Port(ports.Forwarder), "--fixed", $"http://127.0.0.1:{ports.Fixed}", "--monolith", $"http://127.0.0.1:{ports.Monolith}"],
            work, Path.Combine(work, "bare-forwarder.log"));
        using var facade = StartFacade(repository, work, ports.Facade, ports.Monolith, ports.Fixed);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);

        var ready = await WaitAsync(http, $"http://127.0.0.1:{ports.Fixed}/health", TimeSpan.FromSeconds(30))
            && await WaitAsync(http, $"http://127.0.0.1:{ports.Monolith}/health/ready", TimeSpan.FromSeconds(120))
            && await WaitAsync(http, $"http://127.0.0.1:{ports.Nginx}/fixed", TimeSpan.FromSeconds(30))
            && await WaitAsync(http, $"http://127.0.0.1:{ports.Bare}/fixed", TimeSpan.FromSeconds(30))
            && await WaitAsync(http, $"http://127.0.0.1:{ports.Forwarder}/fixed", TimeSpan.FromSeconds(30))
            && await WaitAsync(http, $"http://127.0.0.1:{ports.Facade}/strangler/health/ready", TimeSpan.FromSeconds(60));
        if (!ready)
        {
            await Console.Error.WriteLineAsync($"The bench's servers did not all start; their logs are in {work}.");
            return false;
        }

        var rows = Endpoints.SelectMany(e => Targets.Select(t => new Row(e.Endpoint, t.Target))).ToList();
        Console.WriteLine("Warming up every target (not recorded)...");
        foreach (var (_, path, capability) in Endpoints)
        {
            await SetModeAsync(http, ports.Facade, capability, "Canary");
            foreach (var port in new[] { path == "/fixed" ? ports.Fixed : ports.Monolith, ports.Nginx, ports.Bare, ports.Forwarder, ports.Facade })
            {
                await Wrk.RunAsync($"http://127.0.0.1:{port}{path}", Connections, TimeSpan.FromSeconds(2), script);
            }
        }

        Console.WriteLine($"Macro: {Rounds} rounds × {rows.Count} rows × {Duration.TotalSeconds:0} s, {Connections} connections, wrk -t2.");
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var (endpoint, path, capability) in Endpoints)
            {
                foreach (var (target, mode) in Targets)
                {
                    var row = rows.Single(r => r.Endpoint == endpoint && r.Target == target);
                    var port = target switch
                    {
                        "direct" => path == "/fixed" ? ports.Fixed : ports.Monolith,
                        "nginx" => ports.Nginx,
                        BareYarpTarget => ports.Bare,
                        BareForwarderTarget => ports.Forwarder,
                        _ => ports.Facade,
                    };
                    ChildProcess? proxy = target switch { "nginx" => nginx, BareYarpTarget => bare, BareForwarderTarget => forwarder, _ => mode is null ? null : facade };
                    if (mode is not null)
                    {
                        await SetModeAsync(http, ports.Facade, capability, mode);
                    }

                    await RunRowAsync(row, $"http://127.0.0.1:{port}{path}", script, proxy);
                    Console.WriteLine($"  round {round}  {endpoint,-22} {target,-20} {row.Runs[^1].RequestsPerSecond,10:0} req/s  p50 {row.Runs[^1].P50Ms:0.00} ms  p99 {row.Runs[^1].P99Ms:0.00} ms{(row.Runs[^1].Failure is { } f ? "  FAILED: " + f : "")}");
                }
            }
        }

        Console.WriteLine($"Fixed rate: {Rounds} rounds × 6 rows × {Duration.TotalSeconds:0} s at {RateClients * RatePerClient} req/s offered (h2load --h1).");
        var fixedPath = Endpoints[0].Path;
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var (target, mode) in Targets.Where(t => t.Target != "façade Canary 50 %"))
            {
                var row = rows.Single(r => r.Endpoint == Endpoints[0].Endpoint && r.Target == target);
                if (mode is not null)
                {
                    await SetModeAsync(http, ports.Facade, Endpoints[0].Capability, mode);
                }

                var port = target switch { "direct" => ports.Fixed, "nginx" => ports.Nginx, BareYarpTarget => ports.Bare, BareForwarderTarget => ports.Forwarder, _ => ports.Facade };
                var result = await H2Load.RunAsync($"http://127.0.0.1:{port}{fixedPath}", RateClients, RatePerClient, Duration, Path.Combine(work, $"h2load-{round}-{row.Target.GetHashCode():x8}.log"));
                row.RateRuns.Add(result);
                Console.WriteLine($"  round {round}  {target,-20} p50 {result.P50Ms:0.000} ms  p99 {result.P99Ms:0.000} ms  ({result.Requests} requests){(result.Failure is { } f ? "  FAILED: " + f : "")}");
            }
        }

        MacroReport.Write(results, rows, Rounds, Duration, Connections, RateClients * RatePerClient);
        Directory.Delete(work, recursive: true);
        return rows.All(r => r.Failure is null);
    }

    private static async Task RunRowAsync(Row row, string url, string script, ChildProcess? proxy)
    {
        var cpuBefore = proxy?.CpuSeconds() ?? 0;
        using var sampling = new CancellationTokenSource();
        var peak = 0.0;
        var sampler = proxy is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, proxy.RssMiB());
                await Task.Delay(200, CancellationToken.None);
            }
        });
        row.Runs.Add(await Wrk.RunAsync(url, Connections, Duration, script));
        await sampling.CancelAsync();
        await sampler;
        row.ProxyCpuSeconds += (proxy?.CpuSeconds() ?? 0) - cpuBefore;
        row.PeakRssMiB = Math.Max(row.PeakRssMiB, peak);
    }

    private static ChildProcess StartMonolith(string repository, int port, string work)
    {
        var folder = Path.Combine(repository, "legacy-monolith", "Shop.Host", "bin", "Release", "net10.0");
        return ChildProcess.Start("monolith", "dotnet",
            [Path.Combine(folder, "Shop.Host.dll"), $"--urls=http://127.0.0.1:{port}", "--environment=Production",
             $"--Database:SqliteDirectory={Path.Combine(work, "shop")}", "--Serilog:MinimumLevel:Default=Warning"],
            folder, Path.Combine(work, "monolith.log"));
    }

    // The façade as shipped, in Release, with a manifest of the bench's own; its content root is empty so the sample manifest stays out.
    private static ChildProcess StartFacade(string repository, string work, int port, int monolithPort, int fixedPort)
    {
        var folder = Path.Combine(repository, "proxy", "Strangler.Facade", "bin", "Release", "net10.0");
        var contentRoot = Directory.CreateDirectory(Path.Combine(work, "facade")).FullName;
        string[] settings =
        [
            "Strangler:DefaultCluster=monolith",
            $"Strangler:Clusters:monolith:Destinations:0=http://127.0.0.1:{monolithPort}",
            $"Strangler:Clusters:monolith-b:Destinations:0=http://127.0.0.1:{monolithPort}",
            $"Strangler:Clusters:fixed:Destinations:0=http://127.0.0.1:{fixedPort}",
            $"Strangler:Clusters:fixed-b:Destinations:0=http://127.0.0.1:{fixedPort}",
            "Strangler:Capabilities:fixed:Routes:0:Path=/fixed",
            "Strangler:Capabilities:fixed:Routes:0:Methods:0=GET",
            "Strangler:Capabilities:fixed:Legacy=fixed",
            "Strangler:Capabilities:fixed:Service=fixed-b",
            "Strangler:Capabilities:catalog-read:Routes:0:Path=/api/catalog/products",
            "Strangler:Capabilities:catalog-read:Routes:0:Methods:0=GET",
            "Strangler:Capabilities:catalog-read:Legacy=monolith",
            "Strangler:Capabilities:catalog-read:Service=monolith-b",
            "Strangler:Capabilities:catalog-read:Compare:IgnorePaths:0=$.traceId",
            $"Strangler:FlagStore:SqlitePath={Path.Combine(work, "flags.db")}",
            $"Strangler:Admin:Keys:bench={AdminKey}",
            "Serilog:MinimumLevel:Default=Warning",
        ];
        return ChildProcess.Start("façade", "dotnet",
            [Path.Combine(folder, "Strangler.Facade.dll"), $"--contentRoot={contentRoot}", $"--urls=http://127.0.0.1:{port}", "--environment=Production",
             .. settings.Select(s => "--" + s)],
            folder, Path.Combine(work, "facade.log"));
    }

    private static async Task SetModeAsync(HttpClient http, int facadePort, string capability, string mode)
    {
        var response = await http.PatchAsJsonAsync($"http://127.0.0.1:{facadePort}/strangler/api/capabilities/{capability}",
            new { mode, percentage = 50, reason = "bench row" });
        response.EnsureSuccessStatusCode();
    }

    internal static async Task<bool> WaitAsync(HttpClient http, string url, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // not up yet
            }

            await Task.Delay(250);
        }

        await Console.Error.WriteLineAsync($"{url} did not answer within {limit.TotalSeconds:0} s.");
        return false;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) && value > 0 ? value : fallback;
}
