using System.Collections.Concurrent;

namespace Strangler.Facade.Observability;

/// <summary>
/// Who was behind each capability's service failures and shadow mismatches over the last minutes, a
/// bucket a second: the guardrails act only when enough distinct callers saw the service fail, so one
/// client, however many requests it sends, cannot roll a capability back. Bounded: a bucket keeps at
/// most <see cref="MaxCallersPerSecond"/> callers, which is all a <c>MinCallers</c> (at most that) needs.
/// </summary>
internal sealed class FailureCallers(TimeProvider clock)
{
    public const int MaxCallersPerSecond = 16;

    private readonly ConcurrentDictionary<(string Capability, bool Mismatch), Bucket[]> _rings = new();

    private long Second => clock.GetUtcNow().ToUnixTimeSeconds();

    public void ServiceFailed(string capability, string caller) => Add(capability, mismatch: false, caller);

    public void Mismatched(string capability, string caller) => Add(capability, mismatch: true, caller);

    /// <summary>Distinct callers behind service failures since <paramref name="since"/> (at most <see cref="MaxCallersPerSecond"/> a second are known).</summary>
    public int Failing(string capability, DateTimeOffset since) => Distinct(capability, mismatch: false, since);

    /// <summary>Distinct callers behind shadow mismatches since <paramref name="since"/>.</summary>
    public int Mismatching(string capability, DateTimeOffset since) => Distinct(capability, mismatch: true, since);

    private void Add(string capability, bool mismatch, string caller)
    {
        var ring = _rings.GetOrAdd((capability, mismatch), _ => [.. Enumerable.Range(0, (int)TrafficWindow.Retention.TotalSeconds).Select(_ => new Bucket())]);
        var second = Second;
        var bucket = ring[(int)(second % ring.Length)];
        lock (bucket)
        {
            if (bucket.Second != second)
            {
                bucket.Second = second;
                bucket.Callers.Clear();
            }

            if (bucket.Callers.Count < MaxCallersPerSecond)
            {
                bucket.Callers.Add(caller);
            }
        }
    }

    private int Distinct(string capability, bool mismatch, DateTimeOffset since)
    {
        if (!_rings.TryGetValue((capability, mismatch), out var ring))
        {
            return 0;
        }

        var from = since.ToUnixTimeSeconds();
        var to = Second;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bucket in ring)
        {
            lock (bucket)
            {
                if (bucket.Second >= from && bucket.Second <= to)
                {
                    seen.UnionWith(bucket.Callers);
                }
            }
        }

        return seen.Count;
    }

    private sealed class Bucket
    {
        public long Second = -1;
        public HashSet<string> Callers { get; } = new(StringComparer.Ordinal);
    }
}
