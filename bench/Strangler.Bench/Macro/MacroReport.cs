using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Strangler.Bench.Macro;

/// <summary>The macro table and its ratios, printed and written to bench/results/macro.md and macro.json.</summary>
internal static class MacroReport
{
    public static void Write(string results, IReadOnlyList<Row> rows, int rounds, TimeSpan duration, int connections, int offeredRate)
    {
        var machine = $"{Environment.ProcessorCount} cores, {CpuModel()}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";
        var md = new StringBuilder();
        md.AppendLine("## Load (wrk)").AppendLine()
          .AppendLine(CultureInfo.InvariantCulture, $"{machine}; {rounds} rounds × {duration.TotalSeconds:0} s per row, interleaved; {connections} connections, wrk -t2; medians over rounds.")
          .AppendLine()
          .AppendLine("| endpoint | target | req/s | p50 ms | p99 ms | proxy CPU µs/req | proxy peak RSS MiB |")
          .AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var proxied = row.Target != "direct";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Endpoint} | {row.Target} | {row.Rps:0} | {row.P50:0.00} | {row.P99:0.00} | {(proxied ? row.CpuMicrosPerRequest.ToString("0", CultureInfo.InvariantCulture) : "-")} | {(proxied ? row.PeakRssMiB.ToString("0", CultureInfo.InvariantCulture) : "-")} |{(row.Failure is null ? "" : " FAILED")}");
        }

        var ratios = new List<object>();
        md.AppendLine().AppendLine("| endpoint | façade/nginx req/s | façade/direct req/s | added p50 ms | added p99 ms | canary/legacy req/s | shadow p99 / legacy p99 | façade/nginx CPU per req | façade/bare YARP CPU per req | shadow/bare YARP CPU per req | bare forwarder/bare YARP CPU per req |")
          .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var endpoint in rows.Select(r => r.Endpoint).Distinct())
        {
            Row Of(string target) => rows.Single(r => r.Endpoint == endpoint && r.Target == target);
            var (direct, nginx, legacy, canary, shadow) = (Of("direct"), Of("nginx"), Of("façade Legacy"), Of("façade Canary 50 %"), Of("façade Shadow"));
            var (bare, forwarder) = (Of(MacroBench.BareYarpTarget), Of(MacroBench.BareForwarderTarget));
            var ratio = new
            {
                endpoint,
                facadeToNginx = Divide(legacy.Rps, nginx.Rps),
                facadeToDirect = Divide(legacy.Rps, direct.Rps),
                addedP50Ms = legacy.P50 - direct.P50,
                addedP99Ms = legacy.P99 - direct.P99,
                canaryToLegacy = Divide(canary.Rps, legacy.Rps),
                shadowP99ToLegacyP99 = Divide(shadow.P99, legacy.P99),
                facadeCpuToNginxCpu = Divide(legacy.CpuMicrosPerRequest, nginx.CpuMicrosPerRequest),
                facadeCpuToBareYarpCpu = Divide(legacy.CpuMicrosPerRequest, bare.CpuMicrosPerRequest),
                shadowCpuToBareYarpCpu = Divide(shadow.CpuMicrosPerRequest, bare.CpuMicrosPerRequest),
                forwarderCpuToBareYarpCpu = Divide(forwarder.CpuMicrosPerRequest, bare.CpuMicrosPerRequest),
            };
            ratios.Add(ratio);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {endpoint} | {ratio.facadeToNginx:0.00}× | {ratio.facadeToDirect:0.00}× | {ratio.addedP50Ms:0.00} | {ratio.addedP99Ms:0.00} | {ratio.canaryToLegacy:0.00}× | {ratio.shadowP99ToLegacyP99:0.00}× | {ratio.facadeCpuToNginxCpu:0.00}× | {ratio.facadeCpuToBareYarpCpu:0.00}× | {ratio.shadowCpuToBareYarpCpu:0.00}× | {ratio.forwarderCpuToBareYarpCpu:0.00}× |");
        }

        var rated = rows.Where(r => r.RateRuns.Count > 0).ToList();
        object? fixedRate = null;
        if (rated.Count > 0)
        {
            var direct = rated.Single(r => r.Target == "direct");
            var legacy = rated.Single(r => r.Target == "façade Legacy");
            var shadow = rated.Single(r => r.Target == "façade Shadow");
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### Latency at a fixed rate: {offeredRate} req/s offered ({rated[0].Endpoint}, h2load --h1, 4 connections)").AppendLine()
              .AppendLine("| target | p50 ms | p99 ms | added p50 ms | added p99 ms |").AppendLine("|---|---:|---:|---:|---:|");
            foreach (var row in rated)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Target} | {row.RateP50:0.000} | {row.RateP99:0.000} | {(row == direct ? "-" : (row.RateP50 - direct.RateP50).ToString("0.000", CultureInfo.InvariantCulture))} | {(row == direct ? "-" : (row.RateP99 - direct.RateP99).ToString("0.000", CultureInfo.InvariantCulture))} |");
            }

            var shadowRatio = Divide(shadow.RateP99, legacy.RateP99);
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Shadow p99 / Legacy p99 at this rate: {shadowRatio:0.00}×.");
            fixedRate = new
            {
                offeredRate,
                rows = rated.Select(r => new { r.Target, p50Ms = r.RateP50, p99Ms = r.RateP99, runs = r.RateRuns }),
                addedP50Ms = legacy.RateP50 - direct.RateP50,
                addedP99Ms = legacy.RateP99 - direct.RateP99,
                shadowP99ToLegacyP99 = shadowRatio,
            };
        }

        File.WriteAllText(Path.Combine(results, "macro.md"), md.ToString());
        File.WriteAllText(Path.Combine(results, "macro.json"), JsonSerializer.Serialize(new
        {
            machine,
            rounds,
            durationSeconds = duration.TotalSeconds,
            connections,
            rows = rows.Select(r => new { r.Endpoint, r.Target, r.Rps, p50Ms = r.P50, p99Ms = r.P99, r.CpuMicrosPerRequest, r.PeakRssMiB, r.Failure, runs = r.Runs }),
            ratios,
            fixedRate,
        }, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.WriteLine(md.ToString());
    }

    private static double Divide(double a, double b) => b == 0 ? 0 : a / b;

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
}
