using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.BuildingBlocks.Persistence;

namespace Shop.Sync.Feeds;

/// <summary>
/// Runs a relay for as long as the host runs: catch up, wait the poll interval, again. When the
/// other side is down or answers badly the error is kept for the status endpoint and the wait grows
/// (up to 30 s), so a stopped monolith or service is simply waited for. A paused feed is not read
/// until it is resumed.
/// </summary>
internal sealed class RelayService<TContext>(OutboxRelay<TContext> relay, SyncStatus status, ILogger<RelayService<TContext>> logger) : BackgroundService
    where TContext : ModuleDbContext
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await relay.CatchUpAsync(stoppingToken);

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (FeedNotStartedException waiting)
            {
                status.Failed(relay.Feed, waiting.Message);
            }
            catch (Exception exception)
            {
                failures++;
                status.Failed(relay.Feed, exception.Message);
                logger.LogWarning("Feed {Feed} from {Url}: {Error} (attempt {Failures}); retrying.", relay.Feed.Name, relay.Feed.Url, exception.Message, failures);
            }

            var wait = failures == 0
                ? relay.Feed.PollInterval
                : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, relay.Feed.PollInterval.Ticks * (1L << Math.Min(failures, 10))));
            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
