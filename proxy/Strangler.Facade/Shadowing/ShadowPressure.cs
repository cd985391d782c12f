using System.Collections.Concurrent;
using System.Diagnostics;
using Strangler.Facade.Observability;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// Sheds shadow copies when the façade is short of CPU or a capability's primary answers slow down:
/// copies are the first thing a saturated façade gives up, so the primary keeps its latency. Once a
/// second it reads this process's CPU use (all cores together) and, per capability in a mode that
/// copies, the primary side's p99 over the last two seconds against its p99 over the last minute.
/// Either above its limit (<c>Strangler:Shadow:ShedAboveCpu</c>, 1 for never; <c>ShedAboveLatencyRatio</c>) is
/// pressure, and so is a queue that overflowed in the last second (<c>ShedWhenQueueOverflows</c>); <see cref="ShedLevel"/> turns it into the share shed. A shed copy is counted as dropped,
/// reason <c>shed</c>, in the metrics and in <c>strangler show</c>.
/// </summary>
internal sealed class ShadowPressure(
    ShadowOptions options, ManifestSource manifests, TrafficWindow traffic, ShadowStats stats, TimeProvider clock, ILogger<ShadowPressure> logger)
    : BackgroundService
{
    /// <summary>Answers below this many in two seconds say nothing about a slowdown.</summary>
    private const int MinRecentAnswers = 20;

    private readonly ConcurrentDictionary<string, ShedLevel> _levels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _queueDropsSeen = new(StringComparer.Ordinal);
    private TimeSpan _lastCpu;
    private long _lastAt;

    /// <summary>The share of <paramref name="capability"/>'s copies being shed now, 0 to 1.</summary>
    public double LevelOf(string capability) => _levels.TryGetValue(capability, out var level) ? level.Level : 0;

    public bool Sheds(string capability) => _levels.TryGetValue(capability, out var level) && level.Sheds();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        (_lastCpu, _lastAt) = (ProcessCpu(), Stopwatch.GetTimestamp());
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Sample();
        }
    }

    internal void Sample()
    {
        var cpu = CpuSinceLastSample();
        var now = clock.GetUtcNow();
        foreach (var capability in manifests.Current.Capabilities)
        {
            var level = _levels.GetOrAdd(capability.Name, _ => new ShedLevel());
            var before = level.Level;
            var slow = SlowedDown(capability, now);
            var overflowing = QueueOverflowed(capability.Name);
            level.Sample((options.ShedAboveCpu < 1 && cpu >= options.ShedAboveCpu) || slow || overflowing);
            if (before == 0 && level.Level > 0)
            {
                logger.LogWarning("Shedding shadow copies of {Capability}: {Why}", capability.Name,
                    slow ? $"its primary's p99 rose above {options.ShedAboveLatencyRatio} times the last minute's"
                    : overflowing ? "its copies overflow the shadow queue: capturing them costs the primaries for nothing"
                    : $"the façade uses {cpu:P0} of the CPU");
            }
            else if (before > 0 && level.Level == 0)
            {
                logger.LogInformation("Shadow copies of {Capability} are no longer shed", capability.Name);
            }
        }
    }

    /// <summary>
    /// Copies dropped because the queue was full since the last sample: each was captured on its
    /// primary's request (body kept, answer teed) and then thrown away. Shed at the tap instead, the
    /// primary pays nothing for it.
    /// </summary>
    private bool QueueOverflowed(string capability)
    {
        if (!options.ShedWhenQueueOverflows)
        {
            return false;
        }

        var because = stats.Of(capability).DroppedBecause;
        var drops = (because?.GetValueOrDefault(ShadowReasons.QueueFull) ?? 0) + (because?.GetValueOrDefault(ShadowReasons.QueueBytesFull) ?? 0);
        var before = _queueDropsSeen.GetValueOrDefault(capability);
        _queueDropsSeen[capability] = drops;
        return drops > before;
    }

    private double CpuSinceLastSample()
    {
        var (cpu, at) = (ProcessCpu(), Stopwatch.GetTimestamp());
        var wall = Stopwatch.GetElapsedTime(_lastAt, at);
        var used = wall > TimeSpan.Zero ? (cpu - _lastCpu) / (wall * Environment.ProcessorCount) : 0;
        (_lastCpu, _lastAt) = (cpu, at);
        return used;
    }

    // Process holds a handle; one a second, undisposed, would wait for the finaliser.
    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private bool SlowedDown(Capability capability, DateTimeOffset now)
    {
        var primary = capability.LegacyCluster;
        var recent = traffic.Side(capability.Name, primary, now.AddSeconds(-2));
        if (recent.Requests < MinRecentAnswers)
        {
            return false;
        }

        var minute = traffic.Side(capability.Name, primary, now.AddMinutes(-1));
        return TrafficWindow.Percentile(recent, 0.99) is { } p99Now && TrafficWindow.Percentile(minute, 0.99) is { } p99Minute
            && p99Now > p99Minute * options.ShedAboveLatencyRatio;
    }
}
