using System.Collections.Concurrent;
using Strangler.Comparison;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// Takes copies off the queue, a fixed number at a time, far from any request: sends each to the other
/// side, compares the two answers with the capability's rules (and the noise learned so far), counts
/// the outcome, and stores and logs every mismatch.
/// </summary>
internal sealed class ShadowWorker(
    ShadowQueue queue,
    ShadowSender sender,
    ShadowStats stats,
    MismatchStore mismatches,
    Observability.FailureCallers callers,
    ShadowMemory memory,
    Settings.ManifestSource manifests,
    ShadowOptions options,
    ILogger<ShadowWorker> logger) : BackgroundService
{
    /// <summary>How long after its primary a copy is sent at the earliest (two ticks of the timer, which on Linux ticks every millisecond or so).</summary>
    public static readonly TimeSpan HoldBack = TimeSpan.FromMilliseconds(2);

    private readonly ConcurrentDictionary<string, (ComparisonRules Rules, int Noise, ResponseComparer Comparer)> _comparers = new(StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => Task.Run(() => ConsumeAsync(stoppingToken), stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ProcessAsync(work, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                stats.Error(work.Capability.Name);
                logger.LogDebug(exception, "Shadow copy of {Method} {Target} for {Capability} failed", work.Request.Method, work.Request.Target, work.Capability.Name);
            }
            finally
            {
                memory.Return(work.HeldBytes);
            }
        }
    }

    internal async Task ProcessAsync(ShadowWork work, CancellationToken stoppingToken)
    {
        // A copy is queued while the primary's last bytes are still on their way to the client; sent at
        // once, it takes the cores that response needs. Measured at 1,000 req/s on two cores: Shadow
        // p50 0.30 to 0.44 ms sent at once, 0.20 to 0.21 ms (as Legacy) held back 2 ms; 1 ms was not
        // enough. A copy that already waited that long in the queue goes at once, so a busy façade
        // (where copies queue anyway) is not slowed.
        var wait = HoldBack - System.Diagnostics.Stopwatch.GetElapsedTime(work.QueuedAt);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, stoppingToken);
        }

        // Checked against the manifest of now: a reload may have taken the route away since the primary.
        if (manifests.Current.Find(work.Capability.Name) is not { } capability || !RouteClaims.Claims(capability, work.Request.Method, work.Request.Target.Split('?')[0]))
        {
            stats.Skipped(work.Capability.Name, ShadowReasons.PathNotClaimed, wasTaken: true);
            logger.LogWarning("Shadow copy of {Method} {Target} for {Capability} not sent: no route of the capability claims that path", work.Request.Method, work.Request.Target, work.Capability.Name);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(work.Capability.Shadow.Timeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var sent = await sender.SendAsync(work.Request, work.CorrelationId, work.Request.TargetCluster, timeout.Token);
        if (sent is null)
        {
            stats.Skipped(work.Capability.Name, ShadowReasons.TargetUnavailable, wasTaken: true);
            return;
        }

        stats.CopyTook(work.Capability.Name, work.Request.TargetCluster, System.Diagnostics.Stopwatch.GetElapsedTime(started));

        if (work.Request.DryRun && !sent.DryRunAcknowledged)
        {
            // The other side answered a dry run without proving it rolled back: it may have written
            // for real. Nothing is compared, and no more writes are copied until an operator says so.
            stats.DryRunNotHonoured(work.Capability.Name);
            logger.LogError(
                "Dry run not honoured: {Cluster} answered {Method} {Target} for {Capability} with {Status} and no valid {Header}; it may have written for real. Write copies of {Capability} are stopped until resumed (strangler resume-writes {Capability}).",
                work.Request.TargetCluster, work.Request.Method, work.Request.Target, work.Capability.Name, sent.Answer.Status,
                Contracts.StranglerHeaders.DryRunAcknowledgement, work.Capability.Name, work.Capability.Name);
            return;
        }

        var copy = sent.Answer;
        var (legacy, candidate) = work.Request.Direction == ShadowDirection.ToService ? (work.Primary, copy) : (copy, work.Primary);
        if (work.LearnNoise && ForwardingRules.IsSafe(work.Request.Method))
        {
            var again = await sender.SendAsync(work.Request, work.CorrelationId, work.Capability.LegacyCluster, timeout.Token);
            if (again is not null)
            {
                var noise = NoiseLearner.Learn(legacy, again.Answer, work.Capability.Compare);
                if (stats.LearnNoise(work.Capability.Name, noise.Paths))
                {
                    logger.LogInformation("Learned noise for {Capability}: {Paths}", work.Capability.Name, stats.NoiseOf(work.Capability.Name));
                }
            }
        }

        var comparer = ComparerFor(work);
        var result = comparer.Compare(legacy, candidate);
        if (result.Matched)
        {
            stats.Matched(work.Capability.Name);
            return;
        }

        long? id = null;
        try
        {
            id = await mismatches.SaveAsync(work, legacy, candidate, result, comparer.Rules, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "A shadow mismatch for {Capability} could not be stored", work.Capability.Name);
        }

        // Counted once stored, so that a count someone has read can always be followed to its rows.
        stats.Mismatched(work.Capability.Name);
        callers.Mismatched(work.Capability.Name, work.Caller);
        logger.LogWarning(
            "Shadow mismatch {MismatchId} for {Capability} ({Direction}) on {Method} {Target}: {DifferenceCount} differences, first {FirstDifference}",
            id, work.Capability.Name, work.Request.DirectionName, work.Request.Method, work.Request.Target, result.Differences.Count, result.Differences[0].Describe());
    }

    // One comparer per capability, rebuilt when the manifest's rules or the learned noise change.
    private ResponseComparer ComparerFor(ShadowWork work)
    {
        var noise = stats.NoiseOf(work.Capability.Name);
        var rules = work.Capability.Compare;
        if (_comparers.TryGetValue(work.Capability.Name, out var cached) && ReferenceEquals(cached.Rules, rules) && cached.Noise == noise.Count)
        {
            return cached.Comparer;
        }

        var comparer = new ResponseComparer(noise.Count == 0 ? rules : rules.Ignoring(noise));
        _comparers[work.Capability.Name] = (rules, noise.Count, comparer);
        return comparer;
    }
}
