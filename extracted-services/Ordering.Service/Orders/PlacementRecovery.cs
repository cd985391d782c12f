using Microsoft.EntityFrameworkCore;
using Ordering.Service.Infrastructure;
using Ordering.Service.Model;
using Ordering.Service.Monolith;

namespace Ordering.Service.Orders;

/// <summary>
/// The service's side of finishing what a dead process left half-done, as the monolith does for its
/// own (see its PlacementRecovery): an attempt still open once no live request can own it (begun
/// before this process started, or longer ago than <c>Ordering:PlacementTimeout</c>, two minutes) is
/// undone through the monolith's contracts by the order's id: its payment released, its stock
/// released, the attempt closed as recovered. When the monolith cannot be reached the attempt stays
/// open for the next sweep. Runs at start and every 30 seconds; one service instance per database.
/// </summary>
internal sealed class PlacementRecovery(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<PlacementRecovery> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly DateTime _processStartedAt = clock.GetUtcNow().UtcDateTime;

    private TimeSpan Timeout => configuration.GetValue("Ordering:PlacementTimeout", TimeSpan.FromMinutes(2));

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

    public async Task<int> RecoverAsync(DateTime startedBefore, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingContext>();
        var monolith = scope.ServiceProvider.GetRequiredService<MonolithClient>();
        var open = await db.PlacementAttempts.Where(a => a.Outcome == null && a.StartedAt < startedBefore)
            .OrderBy(a => a.StartedAt).Take(500).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var attempt in open)
        {
            if (await db.Orders.AnyAsync(o => o.Id == attempt.OrderId, cancellationToken))
            {
                attempt.Close(PlacementAttempt.Placed, clock.GetUtcNow().UtcDateTime);
            }
            else
            {
                var payment = await monolith.ReleasePaymentForOrderAsync(attempt.OrderId, "order placement did not finish", cancellationToken);
                var stock = await monolith.ReleaseStockAsync(attempt.OrderId, cancellationToken);
                if (!payment.IsSuccess || !stock.IsSuccess)
                {
                    logger.LogError("Could not undo the unfinished placement of order {OrderId} ({Problem}); it stays open for the next try",
                        attempt.OrderId, (payment.Error ?? stock.Error)?.Title);
                    continue;
                }

                attempt.Close(PlacementAttempt.Recovered, clock.GetUtcNow().UtcDateTime);
                logger.LogWarning("Recovered the unfinished placement of order {OrderId}, begun at {StartedAt}: its payment and stock released in the monolith",
                    attempt.OrderId, attempt.StartedAt);
            }

            await db.SaveChangesAsync(cancellationToken);
            closed++;
        }

        return closed;
    }
}
