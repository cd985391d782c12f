using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Strangler.Facade.Shadowing;

namespace Strangler.Facade.Observability;

/// <summary>
/// The last minutes of this replica's traffic, per capability and serving cluster, a bucket a second,
/// read from the façade's own instruments through a <see cref="MeterListener"/>: the numbers the
/// admin API shows and the guardrails judge are the ones Prometheus scrapes, not a second count.
/// </summary>
internal sealed class TrafficWindow : IDisposable
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    // Latency buckets in milliseconds, each 1.5 times the last: 0.1 ms to about 60 s.
    private static readonly double[] Bounds = [.. Enumerable.Range(0, 34).Select(i => 0.1 * Math.Pow(1.5, i))];

    private readonly ConcurrentDictionary<(string Capability, string Cluster), Series> _sides = new();
    private readonly ConcurrentDictionary<string, Series> _shadow = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();
    private readonly TimeProvider _clock;

    public TrafficWindow(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this host's meter: another façade in the same process has its own.
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == FacadeMetrics.MeterName &&
                instrument.Name is FacadeMetrics.Requests or FacadeMetrics.Duration or ShadowStats.Outcomes)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnCount);
        _listener.SetMeasurementEventCallback<double>(OnDuration);
        _listener.Start();
    }

    private long Second => _clock.GetUtcNow().ToUnixTimeSeconds();

    private void OnCount(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == FacadeMetrics.Requests)
        {
            // Only failures the side itself caused count against it (see FaultAttribution).
            var failed = Tag(tags, "fault") is "service";
            _sides.GetOrAdd(((string)Tag(tags, "capability")!, (string)Tag(tags, "served_by")!), _ => new Series())
                .Add(Second, Kind.Request, value, failed ? 1 : 0);
        }
        else
        {
            var kind = (string?)Tag(tags, "outcome") switch
            {
                "matched" => Kind.Matched,
                "mismatched" => Kind.Mismatched,
                "error" => Kind.ShadowError,
                "dropped" => Kind.Dropped,
                _ => Kind.None,
            };
            _shadow.GetOrAdd((string)Tag(tags, "capability")!, _ => new Series()).Add(Second, kind, value, 0);
        }
    }

    private void OnDuration(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var bucket = Array.BinarySearch(Bounds, seconds * 1000);
        var index = Math.Min(bucket < 0 ? ~bucket : bucket, Bounds.Length - 1);
        _sides.GetOrAdd(((string)Tag(tags, "capability")!, (string)Tag(tags, "served_by")!), _ => new Series())
            .Add(Second, Kind.Latency, 1, index);
    }

    private static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    /// <summary>One cluster's counts for a capability since <paramref name="since"/>.</summary>
    public SideCounts Side(string capability, string cluster, DateTimeOffset since) =>
        _sides.TryGetValue((capability, cluster), out var series) ? series.Sum(since.ToUnixTimeSeconds(), Second) : SideCounts.Empty;

    /// <summary>Every cluster's requests since <paramref name="since"/>, over all capabilities.</summary>
    public IReadOnlyList<(string Capability, string Cluster, long Requests)> All(DateTimeOffset since) =>
        [.. _sides.Select(pair => (pair.Key.Capability, pair.Key.Cluster, pair.Value.Sum(since.ToUnixTimeSeconds(), Second).Requests))];

    public SideCounts Shadow(string capability, DateTimeOffset since) =>
        _shadow.TryGetValue(capability, out var series) ? series.Sum(since.ToUnixTimeSeconds(), Second) : SideCounts.Empty;

    /// <summary>The latency below which <paramref name="quantile"/> of the answers fall, in ms (bucket upper bound).</summary>
    public static double? Percentile(SideCounts counts, double quantile)
    {
        var total = counts.Latency.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Latency.Length; i++)
        {
            seen += counts.Latency[i];
            if (seen >= rank)
            {
                return Math.Round(Bounds[i], 2);
            }
        }

        return Math.Round(Bounds[^1], 2);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Sums of one series over some seconds.</summary>
    internal sealed class SideCounts
    {
        public static readonly SideCounts Empty = new();

        public long Requests;
        public long ServerErrors;
        public long Matched;
        public long Mismatched;
        public long ShadowErrors;
        public long Dropped;
        public long[] Latency = new long[Bounds.Length];

        public void Clear()
        {
            Requests = ServerErrors = Matched = Mismatched = ShadowErrors = Dropped = 0;
            Array.Clear(Latency);
        }
    }

    private enum Kind
    {
        None,
        Request,
        Latency,
        Matched,
        Mismatched,
        ShadowError,
        Dropped,
    }

    /// <summary>A ring of one-second buckets covering <see cref="Retention"/>.</summary>
    private sealed class Series
    {
        private readonly Bucket[] _ring = [.. Enumerable.Range(0, (int)Retention.TotalSeconds).Select(_ => new Bucket())];

        // One method with a kind rather than a delegate per call: this runs for every proxied request.
        public void Add(long second, Kind kind, long value, int detail)
        {
            var bucket = _ring[(int)(second % _ring.Length)];
            lock (bucket)
            {
                if (bucket.Second != second)
                {
                    bucket.Second = second;
                    bucket.Counts.Clear();
                }

                var c = bucket.Counts;
                switch (kind)
                {
                    case Kind.Request: c.Requests += value; c.ServerErrors += detail * value; break;
                    case Kind.Latency: c.Latency[detail] += value; break;
                    case Kind.Matched: c.Matched += value; break;
                    case Kind.Mismatched: c.Mismatched += value; break;
                    case Kind.ShadowError: c.ShadowErrors += value; break;
                    case Kind.Dropped: c.Dropped += value; break;
                }
            }
        }

        public SideCounts Sum(long from, long to)
        {
            var sum = new SideCounts();
            foreach (var bucket in _ring)
            {
                lock (bucket)
                {
                    if (bucket.Second < from || bucket.Second > to)
                    {
                        continue;
                    }

                    var c = bucket.Counts;
                    sum.Requests += c.Requests;
                    sum.ServerErrors += c.ServerErrors;
                    sum.Matched += c.Matched;
                    sum.Mismatched += c.Mismatched;
                    sum.ShadowErrors += c.ShadowErrors;
                    sum.Dropped += c.Dropped;
                    for (var i = 0; i < sum.Latency.Length; i++)
                    {
                        sum.Latency[i] += c.Latency[i];
                    }
                }
            }

            return sum;
        }
    }

    private sealed class Bucket
    {
        public long Second = -1;
        public SideCounts Counts = new();
    }
}
