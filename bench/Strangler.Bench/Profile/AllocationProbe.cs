using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Strangler.Bench.Macro;
using Strangler.Facade;

namespace Strangler.Bench.Profile;

/// <summary>
/// <c>allocations [Legacy|Canary|Service|Shadow|bare-yarp|bare-forwarder]</c>: bytes a proxy allocates per
/// request, and by which types: the façade in a mode, or one of the bench's bare proxies. The proxy runs
/// in this process (so the GC's own count is the proxy's), the fixed backend and wrk outside it. Unlike CPU time on a shared two-core machine, this number barely moves
/// from run to run, so it shows a change of a few hundred bytes that a CPU measurement would drown.
/// </summary>
internal static class AllocationProbe
{
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(6);

    public static async Task<int> RunAsync(string[] args)
    {
        var target = args.FirstOrDefault() ?? "Legacy";
        if (args.Length > 1 || target is not ("Legacy" or "Canary" or "Service" or "Shadow" or "bare-yarp" or "bare-forwarder"))
        {
            await Console.Error.WriteLineAsync("usage: allocations [Legacy|Canary|Service|Shadow|bare-yarp|bare-forwarder]");
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
            var (backendPort, proxyPort) = (MacroBench.FreePort(), MacroBench.FreePort());
            using var backend = ChildProcess.Start("fixed backend", Environment.ProcessPath!, ["backend", "--port", MacroBench.Port(backendPort)], work, Path.Combine(work, "backend.log"));
            var bare = new BareProxyArguments(proxyPort, $"http://127.0.0.1:{backendPort}", $"http://127.0.0.1:{backendPort}");
            var app = target switch
            {
                "bare-yarp" => BareYarp.Build(bare),
                "bare-forwarder" => BareForwarder.Build(bare),
                _ => await FacadeAsync(target, work, backendPort, proxyPort),
            };
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

                var url = $"http://127.0.0.1:{proxyPort}/fixed";
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

                Console.WriteLine(Report(target.StartsWith("bare", StringComparison.Ordinal) ? target : "façade " + target, run.Requests, allocated, types.Shares()));
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

    // The façade as bench/one-facade.sh runs it, in this process.
    private static async Task<WebApplication> FacadeAsync(string mode, string work, int backendPort, int port)
    {
        var app = FacadeApplication.Build(
        [
            $"--contentRoot={Directory.CreateDirectory(Path.Combine(work, "facade")).FullName}", $"--urls=http://127.0.0.1:{port}", "--environment=Production",
            "--Strangler:DefaultCluster=fixed", $"--Strangler:Clusters:fixed:Destinations:0=http://127.0.0.1:{backendPort}",
            $"--Strangler:Clusters:fixed-b:Destinations:0=http://127.0.0.1:{backendPort}", "--Strangler:Capabilities:fixed:Routes:0:Path=/fixed",
            "--Strangler:Capabilities:fixed:Legacy=fixed", "--Strangler:Capabilities:fixed:Service=fixed-b",
            $"--Strangler:Capabilities:fixed:InitialState:Mode={mode}", "--Strangler:Capabilities:fixed:InitialState:Percentage=50",
            $"--Strangler:FlagStore:SqlitePath={Path.Combine(work, "flags.db")}", "--Serilog:MinimumLevel:Default=Warning",
        ]);
        await FacadeApplication.PrepareAsync(app, CancellationToken.None);
        return app;
    }

    private static string Report(string target, long requests, long allocated, IReadOnlyList<(string Type, double Share)> types)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{target}: {requests} requests in {Load.TotalSeconds:0} s, {allocated / Math.Max(1, requests)} bytes allocated per request"),
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
