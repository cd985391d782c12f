using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Strangler.Bench.Macro;
using Strangler.Facade;

namespace Strangler.Bench.Profile;

/// <summary>
/// <c>allocations [Legacy|Canary|Service|Shadow]</c>: bytes the façade allocates per proxied request, and
/// by which types. The façade runs in this process (so the GC's own count is the façade's), the fixed
/// backend and wrk outside it. Unlike CPU time on a shared two-core machine, this number barely moves
/// from run to run, so it shows a change of a few hundred bytes that a CPU measurement would drown.
/// </summary>
internal static class AllocationProbe
{
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(6);

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "Legacy";
        if (args.Length > 1 || mode is not ("Legacy" or "Canary" or "Service" or "Shadow"))
        {
            await Console.Error.WriteLineAsync("usage: allocations [Legacy|Canary|Service|Shadow]");
            return 2;
        }

        if (await Tools.EnsureAsync() is { } missing)
        {
            await Console.Error.WriteLineAsync("allocations cannot run: " + missing);
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("strangler-allocations-").FullName;
        try
        {
            var (backendPort, facadePort) = (MacroBench.FreePort(), MacroBench.FreePort());
            using var backend = ChildProcess.Start("fixed backend", Environment.ProcessPath!, ["backend", "--port", MacroBench.Port(backendPort)], work, Path.Combine(work, "backend.log"));
            var app = FacadeApplication.Build(
            [
                $"--contentRoot={Directory.CreateDirectory(Path.Combine(work, "facade")).FullName}", $"--urls=http://127.0.0.1:{facadePort}", "--environment=Production",
                "--Strangler:DefaultCluster=fixed", $"--Strangler:Clusters:fixed:Destinations:0=http://127.0.0.1:{backendPort}",
                $"--Strangler:Clusters:fixed-b:Destinations:0=http://127.0.0.1:{backendPort}", "--Strangler:Capabilities:fixed:Routes:0:Path=/fixed",
                "--Strangler:Capabilities:fixed:Legacy=fixed", "--Strangler:Capabilities:fixed:Service=fixed-b",
                $"--Strangler:Capabilities:fixed:InitialState:Mode={mode}", "--Strangler:Capabilities:fixed:InitialState:Percentage=50",
                $"--Strangler:FlagStore:SqlitePath={Path.Combine(work, "flags.db")}", "--Serilog:MinimumLevel:Default=Warning",
            ]);
            await FacadeApplication.PrepareAsync(app, CancellationToken.None);
            await app.StartAsync();
            try
            {
                var script = Path.Combine(work, "users.lua");
                await File.WriteAllTextAsync(script, Wrk.Script);
                using var http = new HttpClient();
                if (!await MacroBench.WaitAsync(http, $"http://127.0.0.1:{backendPort}/health", TimeSpan.FromSeconds(30)))
                {
                    await Console.Error.WriteLineAsync($"The fixed backend did not start; its log is in {work}.");
                    return 1;
                }

                var url = $"http://127.0.0.1:{facadePort}/fixed";
                await Wrk.RunAsync(url, 32, TimeSpan.FromSeconds(4), script);
                using var types = new AllocatedTypes();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var run = await Wrk.RunAsync(url, 32, Load, script);
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                if (run.Failure is { } failure)
                {
                    await Console.Error.WriteLineAsync("wrk failed: " + failure);
                    return 1;
                }

                Console.WriteLine(Report(mode, run.Requests, allocated, types.Shares()));
                return 0;
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Report(string mode, long requests, long allocated, IReadOnlyList<(string Type, double Share)> types)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"façade {mode}: {requests} requests in {Load.TotalSeconds:0} s, {allocated / Math.Max(1, requests)} bytes allocated per request"),
            "",
            "| type (sampled every ~100 KB allocated) | share |",
            "|---|---:|",
        };
        lines.AddRange(types.Take(30).Select(t => string.Create(CultureInfo.InvariantCulture, $"| `{t.Type}` | {t.Share * 100:0.0} % |")));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The runtime's allocation ticks (one per ~100 KB allocated, naming the type that crossed it), counted by type.</summary>
    private sealed class AllocatedTypes : EventListener
    {
        private const int AllocationTick = 10;
        private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

        public IReadOnlyList<(string Type, double Share)> Shares()
        {
            var total = (double)Math.Max(1, _bytes.Values.Sum());
            return [.. _bytes.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value / total))];
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId != AllocationTick || eventData.PayloadNames is null)
            {
                return;
            }

            var type = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var i and >= 0 ? Convert.ToInt64(eventData.Payload[i], CultureInfo.InvariantCulture) : 100_000;
            _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }
}
