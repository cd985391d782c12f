using Strangler.Facade.Requests;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// The bytes held by copies from the moment their body is read until their outcome is counted:
/// request bodies and captured primary answers. A copy takes its bytes before holding them and gives
/// them back once done; when taking would pass <see cref="ShadowOptions.MaxQueuedBytes"/> the copy is
/// dropped instead, so a flood of large bodies cannot grow the façade past that bound.
/// </summary>
internal sealed class ShadowMemory(ShadowOptions options, TimeProvider time) : IBodyBudget, IDisposable
{
    /// <summary>Below this high-water mark a flood is not worth a collection.</summary>
    internal const long TrimAbove = 8 * 1024 * 1024;

    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(1);
    private readonly Lock _trimLock = new();
    private long _held;
    private long _highWater;
    private ITimer? _trim;

    public long Held => Interlocked.Read(ref _held);

    /// <summary>Collections asked for after a flood, since start.</summary>
    public int Trims { get; private set; }

    public bool TryTake(long bytes)
    {
        var held = Interlocked.Read(ref _held);
        while (true)
        {
            if (held + bytes > options.MaxQueuedBytes)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _held, held + bytes, held);
            if (seen == held)
            {
                RaiseHighWater(held + bytes);
                return true;
            }

            held = seen;
        }
    }

    public void Return(long bytes)
    {
        if (bytes > 0 && Interlocked.Add(ref _held, -bytes) == 0 && Interlocked.Read(ref _highWater) >= TrimAbove)
        {
            ScheduleTrim();
        }
    }

    private void RaiseHighWater(long held)
    {
        var high = Interlocked.Read(ref _highWater);
        while (held > high)
        {
            var seen = Interlocked.CompareExchange(ref _highWater, held, high);
            if (seen == high)
            {
                return;
            }

            high = seen;
        }
    }

    // The bodies of a flood are large arrays that become garbage all at once when the queue drains;
    // with no allocation after it, nothing would ever collect them, and the process would keep its peak
    // RSS for as long as it stays quiet (measured: 287 MiB an idle minute after a flood, 135 before).
    // So once the copies have held nothing for a second, one compacting collection hands the memory back.
    private void ScheduleTrim()
    {
        lock (_trimLock)
        {
            _trim?.Dispose();
            _trim = time.CreateTimer(_ => Trim(), null, QuietFor, Timeout.InfiniteTimeSpan);
        }
    }

    private void Trim()
    {
        if (Held != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _highWater, 0);
        Trims++;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public void Dispose()
    {
        lock (_trimLock)
        {
            _trim?.Dispose();
        }
    }
}
