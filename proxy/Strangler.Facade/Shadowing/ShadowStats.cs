using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<string, Counters> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SortedSet<string>> _noise = new(StringComparer.Ordinal);
    private readonly Meter _meter;
    private readonly Counter<long> _outcomes;

    public ShadowStats(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _outcomes = _meter.CreateCounter<long>(Outcomes, description: "Shadow copies by capability and outcome (matched, mismatched, error, dropped, skipped).");
    }

    /// <summary>
    /// A request is being captured for a copy: pending from before its primary answers (so a client
    /// that has its answer never sees the copy as not yet begun) until the copy is skipped, dropped or
    /// has an outcome (matched, mismatched, error).
    /// </summary>
    public void Taken(string capability) => Interlocked.Increment(ref _counters.GetOrAdd(capability, _ => new Counters()).Pending);

    public void Matched(string capability) => Settle(capability, c => Interlocked.Increment(ref c.Matched), "matched");

    public void Mismatched(string capability) => Settle(capability, c => Interlocked.Increment(ref c.Mismatched), "mismatched");

    public void Error(string capability) => Settle(capability, c => Interlocked.Increment(ref c.Errors), "error");

    public void Dropped(string capability) => Settle(capability, c => Interlocked.Increment(ref c.Dropped), "dropped");

    /// <summary>A request not copied; <paramref name="wasTaken"/> when <see cref="Taken"/> was counted for it (its primary then failed or was abandoned).</summary>
    public void Skipped(string capability, bool wasTaken = false)
    {
        if (wasTaken)
        {
            Settle(capability, c => Interlocked.Increment(ref c.Skipped), "skipped");
        }
        else
        {
            Count(capability, c => Interlocked.Increment(ref c.Skipped), "skipped");
        }
    }

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
            Math.Max(0, Interlocked.Read(ref c.Pending)));
    }

    private void Settle(string capability, Action<Counters> increment, string outcome) =>
        Count(capability, c =>
        {
            increment(c);
            Interlocked.Decrement(ref c.Pending);
        }, outcome);

    private void Count(string capability, Action<Counters> increment, string outcome)
    {
        increment(_counters.GetOrAdd(capability, _ => new Counters()));
        _outcomes.Add(1, new KeyValuePair<string, object?>("capability", capability), new KeyValuePair<string, object?>("outcome", outcome));
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
    }
}
