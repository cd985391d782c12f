namespace Strangler.Facade.Flags;

/// <summary>
/// Looks at the flag store every <c>Strangler:FlagStore:PollInterval</c>, so that a change made through
/// any replica reaches this one within that interval. A store that cannot be read is logged and the
/// last known states keep routing: an outage of the flag store must not become an outage of the façade.
/// </summary>
internal sealed class FlagStorePoller(CapabilityStates states, Persistence.FlagStoreOptions options, ILogger<FlagStorePoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        var failing = false;
        do
        {
            try
            {
                await states.RefreshAsync(stoppingToken);
                if (failing)
                {
                    logger.LogInformation("The flag store answers again");
                    failing = false;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (!failing)
                {
                    logger.LogError(exception, "The flag store cannot be read; routing on the last known states");
                    failing = true;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
