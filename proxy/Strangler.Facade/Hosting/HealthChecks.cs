using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strangler.Facade.Persistence;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Hosting;

/// <summary>
/// Healthy when the flag store answers; Degraded (still ready) when it does not, because the façade
/// routes on by the states it read last: a store outage must not take every replica out of its load
/// balancer at once. Only admin changes wait for the store (they get a 503). The backends' health is
/// YARP's, shown per capability in the admin API.
/// </summary>
internal sealed class FlagStoreHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    private const string NotAnswering = "The flag store does not answer: routing goes on by the states read last; admin changes are refused until it does.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<FacadeDbContext>().Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The flag store answers.")
                : HealthCheckResult.Degraded(NotAnswering);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
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
