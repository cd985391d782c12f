using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Strangler.Bench.Drill;
using Strangler.Bench.Macro;
using Strangler.Bench.Micro;
using Strangler.Bench.Profile;

namespace Strangler.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Strangler.Bench [macro|micro|flood|drill]</c>: macro and micro by default.
/// Exits non-zero only when a row could not run, never because of a number; except the drill, whose
/// point is a verdict: it exits 1 when reconcile finds any difference or orphan after it.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var which = args.FirstOrDefault() ?? "all";
        if (which is not ("all" or "macro" or "micro" or "flood" or "drill" or "backend" or "bare-yarp" or "bare-forwarder" or "frames" or "allocations"))
        {
            await Console.Error.WriteLineAsync($"Unknown part '{which}'; expected macro, micro, flood, drill or nothing (macro and micro).");
            return 2;
        }

        if (which == "backend")
        {
            return await FixedBackend.RunAsync(args.Skip(1).ToArray());
        }

        if (which == "bare-yarp")
        {
            return await BareYarp.RunAsync(args.Skip(1).ToArray());
        }

        if (which == "bare-forwarder")
        {
            return await BareForwarder.RunAsync(args.Skip(1).ToArray());
        }

        if (which == "allocations")
        {
            return await AllocationProbe.RunAsync(args.Skip(1).ToArray());
        }

        if (which == "frames")
        {
            return await FramesCommand.RunAsync(args.Skip(1).ToArray());
        }

        if (which == "drill")
        {
            return await RunDrillAsync(args.Skip(1).ToArray());
        }

#if DEBUG
        await Console.Error.WriteLineAsync("Benchmarks measure Release builds: run with -c Release.");
        return 2;
#else
        var failed = false;
        var repository = Repository.Root();
        var results = Path.Combine(repository, "bench", "results");
        Directory.CreateDirectory(results);
        if (which is "all" or "macro")
        {
            failed |= !await MacroBench.RunAsync(repository, results);
        }

        if (which == "flood")
        {
            failed |= !await ShadowFlood.RunAsync(repository, results);
        }

        if (which is "all" or "micro")
        {
            failed |= !RunMicro(results);
        }

        return failed ? 1 : 0;
#endif
    }

    // Not a speed measurement, so it runs in any configuration; its parts run in the one it was built in.
    private static async Task<int> RunDrillAsync(string[] args)
    {
        if (DrillOptions.Parse(args, out var problem) is not { } options)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var repository = Repository.Root();
        var report = await CrashDrill.RunAsync(repository, options, Console.Out, stop.Token);
        var markdown = report.ToMarkdown();
        Console.WriteLine();
        Console.WriteLine(markdown);
        var results = Directory.CreateDirectory(Path.Combine(repository, "bench", "results")).FullName;
        await File.WriteAllTextAsync(Path.Combine(results, $"drill-{(options.Postgres ? "postgres" : "sqlite")}.md"), markdown + Environment.NewLine + "Reconcile said:" + Environment.NewLine + report.ReconcileOutput);
        return report.Passed ? 0 : 1;
    }

    private static bool RunMicro(string results)
    {
        // Short runs keep the whole bench within minutes; BenchmarkDotNet still reports its error bars.
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5))
            .WithArtifactsPath(Path.Combine(results, "micro"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = new[]
        {
            BenchmarkRunner.Run<RoutingDecisionBenchmarks>(config),
            BenchmarkRunner.Run<ComparerBenchmarks>(config),
        };
        var lines = new List<string> { "", "## Micro-benchmarks", "", "| benchmark | case | mean | allocated | throughput |", "|---|---|---|---|---|" };
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var mean = report.ResultStatistics?.Mean;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            var parameter = string.Join(", ", report.BenchmarkCase.Parameters.Items.Select(p => $"{p.Name}={p.Value}"));
            var throughput = report.BenchmarkCase.Descriptor.Type == typeof(ComparerBenchmarks) && mean is { } ns
                ? $"{(int)report.BenchmarkCase.Parameters["Kilobytes"] * 1024 / (ns / 1e9) / 1e6:0} MB/s"
                : "";
            lines.Add($"| {report.BenchmarkCase.Descriptor.WorkloadMethod.Name} | {parameter} | {(mean is { } m ? Format(m) : "failed")} | {allocated?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} B | {throughput} |");
        }

        File.WriteAllLines(Path.Combine(results, "micro.md"), lines);
        Console.WriteLine(string.Join(Environment.NewLine, lines));
        return summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.All(r => r.Success));
    }

    private static string Format(double nanoseconds) => nanoseconds < 1000 ? $"{nanoseconds:0} ns" : $"{nanoseconds / 1000:0.00} µs";
}
