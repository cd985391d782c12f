using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shop.BuildingBlocks.Recovery;

/// <summary>
/// Finishes what a dead process left half-done. A placement attempt still open once no live request
/// can own it (it began before this process started, or longer ago than <c>Ordering:PlacementTimeout</c>,
/// two minutes by default) is undone by its order's id and closed as recovered; one whose order was
/// saved after all is closed as placed. Every undo step is idempotent, so a recovery that itself dies
/// is simply repeated, and one that cannot reach what it must undo leaves the attempt open for the
/// next sweep. Runs at start and every 30 seconds. It assumes one host per database, as the sample
/// runs them: a second instance sharing the database would need its own attempts told apart.
/// </summary>
public abstract class PlacementRecoverySweep<TContext>(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger logger)
    : BackgroundService
    where TContext : DbContext
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly DateTime _processStartedAt = clock.GetUtcNow().UtcDateTime;

    private TimeSpan Timeout => configuration.GetValue("Ordering:PlacementTimeout", TimeSpan.FromMinutes(2));

    /// <summary>Whether the order of an open attempt was saved after all.</summary>
    protected abstract Task<bool> OrderExistsAsync(TContext db, Guid orderId, CancellationToken cancellationToken);

    /// <summary>Releases the order's payment and stock; null when done, else why not (the attempt then stays open).</summary>
    protected abstract Task<string?> UndoAsync(IServiceProvider services, Guid orderId, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await RecoverAsync(now - Timeout > _processStartedAt ? now - Timeout : _processStartedAt, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Recovering unfinished order placements failed; trying again in {Interval}", Interval);
            }

            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    /// <summary>Undoes every attempt still open that began before <paramref name="startedBefore"/>; returns how many were closed.</summary>
    public async Task<int> RecoverAsync(DateTime startedBefore, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var open = await db.Set<PlacementAttempt>().Where(a => a.Outcome == null && a.StartedAt < startedBefore)
            .OrderBy(a => a.StartedAt).Take(500).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var attempt in open)
        {
            if (await OrderExistsAsync(db, attempt.OrderId, cancellationToken))
            {
                attempt.Close(PlacementAttempt.Placed, clock.GetUtcNow().UtcDateTime);
            }
            else if (await UndoAsync(scope.ServiceProvider, attempt.OrderId, cancellationToken) is { } problem)
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

        return closed;
    }
}
