namespace Strangler.Bench.Macro;

/// <summary>One row of the table: a target (direct, nginx, the façade in a mode) for one endpoint, over every round.</summary>
internal sealed class Row(string endpoint, string target)
{
    public string Endpoint { get; } = endpoint;

    public string Target { get; } = target;

    public List<WrkResult> Runs { get; } = [];

    /// <summary>Latency at a fixed offered rate, for the rows that have it.</summary>
    public List<RateResult> RateRuns { get; } = [];

    public double RateP50 => Median(RateRuns.Select(r => r.P50Ms));

    public double RateP99 => Median(RateRuns.Select(r => r.P99Ms));

    public double ProxyCpuSeconds { get; set; }

    public double PeakRssMiB { get; set; }

    public string? Failure => Runs.FirstOrDefault(r => r.Failure is not null)?.Failure ?? RateRuns.FirstOrDefault(r => r.Failure is not null)?.Failure;

    public double Rps => Median(Runs.Select(r => r.RequestsPerSecond));

    public double P50 => Median(Runs.Select(r => r.P50Ms));

    public double P99 => Median(Runs.Select(r => r.P99Ms));

    public long Requests => Runs.Sum(r => r.Requests);

    /// <summary>The proxy's CPU per request in µs; the fairest single number when client, proxy and backend share two cores.</summary>
    public double CpuMicrosPerRequest => Requests == 0 ? 0 : ProxyCpuSeconds * 1e6 / Requests;

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
