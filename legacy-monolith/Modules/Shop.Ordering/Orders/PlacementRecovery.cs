using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Catalog.Contracts.Stock;
using Shop.Ordering.Infrastructure;
using Shop.Ordering.Model;
using Shop.Payments.Contracts;

namespace Shop.Ordering.Orders;

/// <summary>
/// Finishes what a dead process left half-done. A placement attempt still open once no live request
/// can own it (it began before this process started, or longer ago than <c>Ordering:PlacementTimeout</c>,
/// two minutes by default) is undone by its order's id: its payment released, its stock released, the
/// attempt closed as recovered. Every step is idempotent, so a recovery that itself dies is simply
/// repeated. Runs at start and every 30 seconds. It assumes one monolith per database, as the sample
/// runs it: a second instance sharing the database would need its own attempts told apart.
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

    /// <summary>Undoes every attempt still open that began before <paramref name="startedBefore"/>; returns how many were closed.</summary>
    public async Task<int> RecoverAsync(DateTime startedBefore, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
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
                var payment = await sender.Send(new ReleasePaymentForOrder(attempt.OrderId, "order placement did not finish"), cancellationToken);
                var stock = await sender.Send(new ReleaseStock(attempt.OrderId), cancellationToken);
                if (!payment.IsSuccess || !stock.IsSuccess)
                {
                    logger.LogError("Could not undo the unfinished placement of order {OrderId} ({Problem}); it stays open for the next try",
                        attempt.OrderId, (payment.Error ?? stock.Error)?.Title);
                    continue;
                }

                attempt.Close(PlacementAttempt.Recovered, clock.GetUtcNow().UtcDateTime);
                logger.LogWarning("Recovered the unfinished placement of order {OrderId}, begun at {StartedAt}: payment released: {PaymentReleased}, stock lines released: {StockReleased}",
                    attempt.OrderId, attempt.StartedAt, payment.Value, stock.Value);
            }

            await db.SaveChangesAsync(cancellationToken);
            closed++;
        }

        return closed;
    }
}
