using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Strangler.Contracts;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// Per-capability shadow counters and learned noise, kept in memory per replica and published as
/// <c>strangler.shadow.*</c> metrics on the <c>Strangler.Facade</c> meter.
/// </summary>
internal sealed class ShadowStats : IDisposable
{
    public const string MeterName = Observability.FacadeMetrics.MeterName;
    public const string Outcomes = "strangler.shadow.outcomes";
    public const string CopyDuration = "strangler.shadow.duration";

    private readonly ConcurrentDictionary<string, Counters> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SortedSet<string>> _noise = new(StringComparer.Ordinal);
    private readonly Meter _meter;
    private readonly Counter<long> _outcomes;
    private readonly Histogram<double> _copyDuration;

    public ShadowStats(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _outcomes = _meter.CreateCounter<long>(Outcomes, description: "Shadow copies by capability and outcome (matched, mismatched, error, dropped, skipped, dry-run-not-honoured), with the reason of a drop or skip.");
        _copyDuration = _meter.CreateHistogram<double>(CopyDuration, unit: "s",
            description: "Time a shadow copy took, from sending it to the other side's answer read, by capability and the cluster it went to.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    /// <summary>A copy was answered after <paramref name="elapsed"/>: the shadow side's latency.</summary>
    public void CopyTook(string capability, string cluster, TimeSpan elapsed) =>
        _copyDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("capability", capability), new KeyValuePair<string, object?>("cluster", cluster));

    /// <summary>
    /// A request is being captured for a copy: pending from before its primary answers (so a client
    /// that has its answer never sees the copy as not yet begun) until the copy is skipped, dropped or
    /// has an outcome (matched, mismatched, error).
    /// </summary>
    public void Taken(string capability) => Interlocked.Increment(ref _counters.GetOrAdd(capability, _ => new Counters()).Pending);

    public void Matched(string capability) => Settle(capability, c => Interlocked.Increment(ref c.Matched), "matched");

    public void Mismatched(string capability) => Settle(capability, c => Interlocked.Increment(ref c.Mismatched), "mismatched");

    public void Error(string capability) => Settle(capability, c => Interlocked.Increment(ref c.Errors), "error");

    /// <summary>A copy not kept for want of room; <paramref name="wasTaken"/> when <see cref="Taken"/> was counted for it.</summary>
    public void Dropped(string capability, string reason, bool wasTaken = true) =>
        CountBecause(capability, reason, wasTaken, "dropped", c => ref c.Dropped, c => c.DroppedBecause);

    /// <summary>A request not copied, and why; <paramref name="wasTaken"/> when <see cref="Taken"/> was counted for it.</summary>
    public void Skipped(string capability, string reason, bool wasTaken = false) =>
        CountBecause(capability, reason, wasTaken, "skipped", c => ref c.Skipped, c => c.SkippedBecause);

    /// <summary>
    /// A dry-run copy came back without a valid acknowledgement: the other side may have written for
    /// real. Write copies of the capability stop until <see cref="ResumeWriteCopies"/>.
    /// </summary>
    public void DryRunNotHonoured(string capability) => Settle(capability, c =>
    {
        Interlocked.Increment(ref c.DryRunsNotHonoured);
        Volatile.Write(ref c.WriteCopiesStopped, true);
    }, "dry-run-not-honoured");

    public bool WriteCopiesStopped(string capability) =>
        _counters.TryGetValue(capability, out var counters) && Volatile.Read(ref counters.WriteCopiesStopped);

    /// <summary>An operator's decision that write copies may go again; true when they were stopped.</summary>
    public bool ResumeWriteCopies(string capability) =>
        _counters.TryGetValue(capability, out var counters) && Interlocked.Exchange(ref counters.WriteCopiesStopped, false);

    /// <summary>Adds learned paths; true when any was new.</summary>
    public bool LearnNoise(string capability, IEnumerable<string> paths)
    {
        var set = _noise.GetOrAdd(capability, _ => new SortedSet<string>(StringComparer.Ordinal));
        lock (set)
        {
            var added = false;
            foreach (var path in paths)
            {
                added |= set.Add(path);
            }

            return added;
        }
    }

    public IReadOnlyList<string> NoiseOf(string capability)
    {
        if (!_noise.TryGetValue(capability, out var set))
        {
            return [];
        }

        lock (set)
        {
            return [.. set];
        }
    }

    public ComparisonStats Of(string capability)
    {
        var c = _counters.GetOrAdd(capability, _ => new Counters());
        var matched = Interlocked.Read(ref c.Matched);
        var mismatched = Interlocked.Read(ref c.Mismatched);
        return new ComparisonStats(capability, matched + mismatched, matched, mismatched,
            Interlocked.Read(ref c.Errors), Interlocked.Read(ref c.Dropped), Interlocked.Read(ref c.Skipped), NoiseOf(capability),
            Math.Max(0, Interlocked.Read(ref c.Pending)),
            new SortedDictionary<string, long>(c.SkippedBecause, StringComparer.Ordinal),
            new SortedDictionary<string, long>(c.DroppedBecause, StringComparer.Ordinal),
            Interlocked.Read(ref c.DryRunsNotHonoured),
            Volatile.Read(ref c.WriteCopiesStopped));
    }

    private delegate ref long CounterOf(Counters counters);

    private void CountBecause(string capability, string reason, bool wasTaken, string outcome, CounterOf total, Func<Counters, ConcurrentDictionary<string, long>> byReason)
    {
        Action<Counters> increment = c =>
        {
            Interlocked.Increment(ref total(c));
            byReason(c).AddOrUpdate(reason, 1, (_, n) => n + 1);
        };
        if (wasTaken)
        {
            Settle(capability, increment, outcome, reason);
        }
        else
        {
            Count(capability, increment, outcome, reason);
        }
    }

    private void Settle(string capability, Action<Counters> increment, string outcome, string? reason = null) =>
        Count(capability, c =>
        {
            increment(c);
            Interlocked.Decrement(ref c.Pending);
        }, outcome, reason);

    private void Count(string capability, Action<Counters> increment, string outcome, string? reason = null)
    {
        increment(_counters.GetOrAdd(capability, _ => new Counters()));
        var tags = new TagList { { "capability", capability }, { "outcome", outcome } };
        if (reason is not null)
        {
            tags.Add("reason", reason);
        }

        _outcomes.Add(1, tags);
    }

    public void Dispose() => _meter.Dispose();

    private sealed class Counters
    {
        public long Matched;
        public long Mismatched;
        public long Errors;
        public long Dropped;
        public long Skipped;
        public long Pending;
        public long DryRunsNotHonoured;
        public bool WriteCopiesStopped;
        public readonly ConcurrentDictionary<string, long> SkippedBecause = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, long> DroppedBecause = new(StringComparer.Ordinal);
    }
}
