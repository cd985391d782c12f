using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Strangler.Bench.Macro;

/// <summary>One wrk run: requests per second, latency percentiles, and whatever went wrong.</summary>
internal sealed record WrkResult(double RequestsPerSecond, long Requests, double P50Ms, double P99Ms, long Errors, string? Failure);

/// <summary>
/// Runs wrk at fixed connections and duration. A small Lua script gives each request one of 1,000
/// user ids, so the canary row splits users as real traffic would; every row runs the same script.
/// </summary>
internal static partial class Wrk
{
    public const string Script = """
        local counter = 0
        request = function()
          counter = counter + 1
          return wrk.format(nil, nil, { ["X-User-Id"] = "user-" .. (counter % 1000) })
        end
        """;

    public static async Task<WrkResult> RunAsync(string url, int connections, TimeSpan duration, string scriptFile)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", scriptFile, url })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            return new WrkResult(0, 0, 0, 0, 0, $"wrk exited {process.ExitCode}: {error}{output}");
        }

        return Parse(output);
    }

    /// <summary>Reads wrk's report (run with --latency); a row fails when wrk measured nothing or more than 1 % of requests failed.</summary>
    internal static WrkResult Parse(string output)
    {
        var rps = Number(RpsPattern(), output);
        var requests = (long)Number(RequestsPattern(), output);
        var errors = (long)Number(Non2xxPattern(), output) + SocketErrorsPattern().Matches(output).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var failure = rps <= 0 ? "wrk measured nothing: " + output : errors > requests / 100 ? $"{errors} of {requests} requests failed" : null;
        return new WrkResult(rps, requests, Percentile(output, "50%"), Percentile(output, "99%"), errors, failure);
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            return 0;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static double Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RpsPattern();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xxPattern();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrorsPattern();
}
