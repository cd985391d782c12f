using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strangler.Facade.Persistence;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Hosting;

/// <summary>
/// Healthy when the flag store answers; Degraded (still ready) when it does not, because the façade
/// routes on by the states it read last: a store outage must not take every replica out of its load
/// balancer at once. Only admin changes wait for the store (they get a 503). The backends' health is
/// YARP's, shown per capability in the admin API. The answer comes within <see cref="AnswerWithin"/>
/// whatever the store does: a query on a connection a network partition left half-open waits for
/// its command timeout (30 s), and a readiness probe that waits that long fails as surely as a 503
/// (found by ReplicasAcrossHostsTests, where it did). Such a check is left to end on its own.
/// </summary>
internal sealed class FlagStoreHealthCheck(IServiceScopeFactory scopes, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(2);
    private const string NotAnswering = "The flag store does not answer: routing goes on by the states read last; admin changes are refused until it does.";
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var check = AskAsync();
        var first = await Task.WhenAny(check, Task.Delay(AnswerWithin, time, cancellationToken));
        return first == check
            ? await check
            : HealthCheckResult.Degraded($"{NotAnswering} (no answer within {AnswerWithin.TotalSeconds:0} s)");
    }

    private async Task<HealthCheckResult> AskAsync()
    {
        using var giveUp = new CancellationTokenSource(GiveUpAfter);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<FacadeDbContext>().Database.CanConnectAsync(giveUp.Token)
                ? HealthCheckResult.Healthy("The flag store answers.")
                : HealthCheckResult.Degraded(NotAnswering);
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Degraded(NotAnswering, exception);
        }
    }
}

/// <summary>
/// Degraded while a configuration change is rejected: the façade serves on with the configuration from
/// before it (so it stays ready), but an operator must know the file on disk is not what runs.
/// </summary>
internal sealed class ConfigurationHealthCheck(ConfigurationGuard guard) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(guard.Rejection is { } rejected
            ? HealthCheckResult.Degraded(rejected.Describe())
            : HealthCheckResult.Healthy("The configuration on disk is the one served."));
}
