using System.Diagnostics;
using System.Globalization;

namespace Strangler.Bench.Macro;

/// <summary>One fixed-rate run: latency percentiles of every request at the offered rate.</summary>
internal sealed record RateResult(double OfferedRps, long Requests, double P50Ms, double P99Ms, long Failed, string? Failure);

/// <summary>
/// h2load over HTTP/1.1 at a fixed offered rate (<c>--rps</c> per client), which a closed-loop tool like
/// wrk cannot do: latency "at moderate load" needs the load held, not maximised. Percentiles come
/// from h2load's per-request log.
/// </summary>
internal static class H2Load
{
    public static async Task<RateResult> RunAsync(string url, int clients, int ratePerClient, TimeSpan duration, string logFile)
    {
        File.Delete(logFile); // h2load appends to an existing log
        var start = new ProcessStartInfo("h2load") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--h1", $"-c{clients}", $"--rps={ratePerClient}", $"-D{(int)duration.TotalSeconds}", $"--log-file={logFile}", url })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var offered = clients * ratePerClient;
        if (process.ExitCode != 0 || !File.Exists(logFile))
        {
            return new RateResult(offered, 0, 0, 0, 0, $"h2load exited {process.ExitCode}: {output}");
        }

        return Summarise(offered, File.ReadLines(logFile));
    }

    /// <summary>Percentiles from log lines "start-µs TAB status TAB duration-µs"; a status of 400 or more counts as failed.</summary>
    internal static RateResult Summarise(double offered, IEnumerable<string> lines)
    {
        var durations = new List<double>();
        long failed = 0;
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            if (fields.Length < 3 || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var status) ||
                !double.TryParse(fields[2], CultureInfo.InvariantCulture, out var micros))
            {
                continue;
            }

            if (status is < 200 or >= 400)
            {
                failed++;
            }

            durations.Add(micros / 1000);
        }

        durations.Sort();
        var failure = durations.Count == 0 ? "h2load logged no request" : failed > durations.Count / 100 ? $"{failed} of {durations.Count} requests failed" : null;
        return new RateResult(offered, durations.Count, Percentile(durations, 0.50), Percentile(durations, 0.99), failed, failure);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
