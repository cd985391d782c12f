using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Strangler.Facade.Shadowing;

namespace Strangler.Facade.Observability;

/// <summary>
/// The last minutes of this replica's traffic, per capability and serving cluster, a bucket a second,
/// read from the façade's own instruments through a <see cref="MeterListener"/>: the numbers the
/// admin API shows and the guardrails judge are the ones Prometheus scrapes, not a second count.
/// The last hour is kept too, a bucket every <see cref="HistoryBucketSeconds"/>, for the dashboard's
/// charts; the shadow series also holds how long each copy took.
/// </summary>
internal sealed class TrafficWindow : IDisposable
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    public const int HistoryBucketSeconds = 10;

    public static readonly TimeSpan History = TimeSpan.FromHours(1);

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
                instrument.Name is FacadeMetrics.Requests or FacadeMetrics.Duration or ShadowStats.Outcomes or ShadowStats.CopyDuration)
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
        if (instrument.Name == ShadowStats.CopyDuration)
        {
            _shadow.GetOrAdd((string)Tag(tags, "capability")!, _ => new Series()).Add(Second, Kind.Latency, 1, index);
            return;
        }

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

    /// <summary>
    /// One cluster's (or, with <paramref name="cluster"/> null, the shadow copies') last hour, a
    /// <see cref="HistoryBucketSeconds"/> bucket at a time, oldest first; buckets with nothing in them left out.
    /// </summary>
    public IReadOnlyList<(DateTimeOffset At, SideCounts Counts)> HistoryOf(string capability, string? cluster)
    {
        var series = cluster is null ? _shadow.GetValueOrDefault(capability) : _sides.GetValueOrDefault((capability, cluster));
        var now = Second / HistoryBucketSeconds;
        return series is null
            ? []
            : [.. series.Buckets(now - (long)(History.TotalSeconds / HistoryBucketSeconds) + 1, now)
                .Select(b => (DateTimeOffset.FromUnixTimeSeconds(b.Id * HistoryBucketSeconds), b.Counts))];
    }

    /// <summary>The clusters that answered a capability in the last hour.</summary>
    public IReadOnlyList<string> ClustersOf(string capability) =>
        [.. _sides.Keys.Where(key => key.Capability == capability).Select(key => key.Cluster).Order(StringComparer.Ordinal)];

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

        public void AddUp(SideCounts other)
        {
            Requests += other.Requests;
            ServerErrors += other.ServerErrors;
            Matched += other.Matched;
            Mismatched += other.Mismatched;
            ShadowErrors += other.ShadowErrors;
            Dropped += other.Dropped;
            for (var i = 0; i < Latency.Length; i++)
            {
                Latency[i] += other.Latency[i];
            }
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

    /// <summary>
    /// A ring of one-second buckets covering <see cref="Retention"/>, and one of
    /// <see cref="HistoryBucketSeconds"/>-second buckets covering <see cref="History"/>.
    /// </summary>
    private sealed class Series
    {
        private readonly Bucket[] _ring = NewRing((int)Retention.TotalSeconds);
        private readonly Bucket[] _hour = NewRing((int)(History.TotalSeconds / HistoryBucketSeconds));

        // One method with a kind rather than a delegate per call: this runs for every proxied request.
        public void Add(long second, Kind kind, long value, int detail)
        {
            Add(_ring, second, kind, value, detail);
            Add(_hour, second / HistoryBucketSeconds, kind, value, detail);
        }

        public SideCounts Sum(long from, long to)
        {
            var sum = new SideCounts();
            foreach (var bucket in _ring)
            {
                lock (bucket)
                {
                    if (bucket.Id >= from && bucket.Id <= to)
                    {
                        sum.AddUp(bucket.Counts);
                    }
                }
            }

            return sum;
        }

        /// <summary>Copies of the hour's buckets numbered <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
        public IEnumerable<(long Id, SideCounts Counts)> Buckets(long from, long to)
        {
            var found = new List<(long, SideCounts)>();
            foreach (var bucket in _hour)
            {
                lock (bucket)
                {
                    if (bucket.Id >= from && bucket.Id <= to)
                    {
                        var copy = new SideCounts();
                        copy.AddUp(bucket.Counts);
                        found.Add((bucket.Id, copy));
                    }
                }
            }

            return found.OrderBy(b => b.Item1);
        }

        private static Bucket[] NewRing(int size) => [.. Enumerable.Range(0, size).Select(_ => new Bucket())];

        private static void Add(Bucket[] ring, long id, Kind kind, long value, int detail)
        {
            var bucket = ring[(int)(id % ring.Length)];
            lock (bucket)
            {
                if (bucket.Id != id)
                {
                    bucket.Id = id;
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
    }

    private sealed class Bucket
    {
        /// <summary>Which second (or which history bucket) it counts; -1 before its first count.</summary>
        public long Id = -1;
        public SideCounts Counts = new();
    }
}
