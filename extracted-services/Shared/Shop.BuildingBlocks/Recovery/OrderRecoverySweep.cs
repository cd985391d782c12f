using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shop.BuildingBlocks.Recovery;

/// <summary>
/// Finishes what a dead process left half-done. An attempt still open once no live request can own it
/// (it began before this process started, or longer ago than <c>Ordering:PlacementTimeout</c>, two
/// minutes by default) is settled by its order's id:
/// <list type="bullet">
/// <item>a placement whose order was saved after all is closed as placed; any other is undone (stock and
/// payment released) and closed as recovered;</item>
/// <item>a cancellation whose order is cancelled is closed as cancelled; any other is finished (payment
/// and stock released, the order saved as cancelled) and closed as recovered.</item>
/// </list>
/// Every step is idempotent, so a recovery that itself dies is simply repeated, and one that cannot
/// reach what it must change leaves the attempt open for the next sweep. Runs at start and every
/// <c>Ordering:RecoveryInterval</c> (30 seconds by default). It assumes one host per database, as the
/// sample runs them: a second instance sharing the database would need its own attempts told apart.
/// </summary>
public abstract class OrderRecoverySweep<TContext>(IServiceScopeFactory scopes, TimeProvider clock, RecoveryOptions options, ILogger logger)
    : BackgroundService
    where TContext : DbContext
{
    private const int Batch = 500;
    private readonly DateTime _processStartedAt = clock.GetUtcNow().UtcDateTime;

    /// <summary>Whether the order of an open placement was saved after all.</summary>
    protected abstract Task<bool> OrderExistsAsync(TContext db, Guid orderId, CancellationToken cancellationToken);

    /// <summary>Whether the order of an open cancellation is saved as cancelled.</summary>
    protected abstract Task<bool> OrderCancelledAsync(TContext db, Guid orderId, CancellationToken cancellationToken);

    /// <summary>Releases the order's payment and stock; null when done, else why not (the attempt then stays open).</summary>
    protected abstract Task<string?> UndoPlacementAsync(IServiceProvider services, Guid orderId, CancellationToken cancellationToken);

    /// <summary>Cancels the order as its cancellation would have; null when done, else why not (the attempt then stays open).</summary>
    protected abstract Task<string?> FinishCancellationAsync(IServiceProvider services, Guid orderId, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await RecoverAsync(now - options.PlacementTimeout > _processStartedAt ? now - options.PlacementTimeout : _processStartedAt, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping cancels the sweep part-way, which may surface as another exception than a
                // cancellation (a host that failed to bind its port stops at once): not a failure to report.
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Recovering unfinished order changes failed; trying again in {Interval}", options.Interval);
            }

            await Task.Delay(options.Interval, clock, stoppingToken);
        }
    }

    /// <summary>Settles every attempt still open that began before <paramref name="startedBefore"/>; returns how many were closed.</summary>
    public async Task<int> RecoverAsync(DateTime startedBefore, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var closed = 0;
        foreach (var attempt in await OpenAsync<PlacementAttempt>(db, startedBefore, cancellationToken))
        {
            if (await OrderExistsAsync(db, attempt.OrderId, cancellationToken))
            {
                attempt.Close(PlacementAttempt.Placed, clock.GetUtcNow().UtcDateTime);
            }
            else if (await UndoPlacementAsync(scope.ServiceProvider, attempt.OrderId, cancellationToken) is { } problem)
            {
                logger.LogError("Could not undo the unfinished placement of order {OrderId} ({Problem}); it stays open for the next try", attempt.OrderId, problem);
                continue;
            }
            else
            {
                attempt.Close(PlacementAttempt.Recovered, clock.GetUtcNow().UtcDateTime);
                logger.LogWarning("Recovered the unfinished placement of order {OrderId}, begun at {StartedAt}: its payment and stock released", attempt.OrderId, attempt.StartedAt);
            }

            await db.SaveChangesAsync(cancellationToken);
            closed++;
        }

        foreach (var attempt in await OpenAsync<CancellationAttempt>(db, startedBefore, cancellationToken))
        {
            if (await OrderCancelledAsync(db, attempt.OrderId, cancellationToken))
            {
                attempt.Close(CancellationAttempt.Cancelled, clock.GetUtcNow().UtcDateTime);
            }
            else if (await FinishCancellationAsync(scope.ServiceProvider, attempt.OrderId, cancellationToken) is { } problem)
            {
                logger.LogError("Could not finish the cancellation of order {OrderId} ({Problem}); it stays open for the next try", attempt.OrderId, problem);
                continue;
            }
            else
            {
                attempt.Close(CancellationAttempt.Recovered, clock.GetUtcNow().UtcDateTime);
                logger.LogWarning("Finished the cancellation of order {OrderId}, begun at {StartedAt}: its payment and stock released", attempt.OrderId, attempt.StartedAt);
            }

            await db.SaveChangesAsync(cancellationToken);
            closed++;
        }

        return closed;
    }

    private static Task<List<TAttempt>> OpenAsync<TAttempt>(TContext db, DateTime startedBefore, CancellationToken cancellationToken)
        where TAttempt : OrderAttempt =>
        db.Set<TAttempt>().Where(a => a.Outcome == null && a.StartedAt < startedBefore)
            .OrderBy(a => a.StartedAt).Take(Batch).ToListAsync(cancellationToken);
}
