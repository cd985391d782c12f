namespace Strangler.Facade.Flags;

/// <summary>
/// Looks at the flag store every <c>Strangler:FlagStore:PollInterval</c>, so that a change made through
/// any replica reaches this one within that interval. A store that cannot be read is logged and the
/// last known states keep routing: an outage of the flag store must not become an outage of the façade.
/// A read still waiting when the next is due is left to finish or fail on its own, and the next read
/// goes out beside it on another connection: after a network partition heals, the replica follows at
/// its next poll, not when the lost connection's retransmissions get through (measured across hosts by
/// ReplicasAcrossHostsTests).
/// </summary>
internal sealed class FlagStorePoller(CapabilityStates states, Persistence.FlagStoreOptions options, TimeProvider time, ILogger<FlagStorePoller> logger)
    : BackgroundService
{
    /// <summary>At most this many reads wait at once; while they do, no more go out.</summary>
    public const int MaxReadsInFlight = 3;

    /// <summary>A read gives up after this long whatever happens, so that a dead connection is let go.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private readonly List<Task> _inFlight = [];
    private int _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, time);
        do
        {
            _inFlight.RemoveAll(read => read.IsCompleted);
            if (_inFlight.Count < MaxReadsInFlight)
            {
                _inFlight.Add(ReadAsync(stoppingToken));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReadAsync(CancellationToken stoppingToken)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        giveUp.CancelAfter(GiveUpAfter);
        try
        {
            await states.RefreshAsync(giveUp.Token);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                logger.LogInformation("The flag store answers again");
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                logger.LogError(exception, "The flag store cannot be read; routing on the last known states");
            }
        }
    }
}
