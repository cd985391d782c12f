using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.BuildingBlocks.Persistence;

namespace Shop.BuildingBlocks.Hosting;

/// <summary>Ready means every module's database answers; live means the process answers at all.</summary>
internal sealed class ModuleDatabasesHealthCheck(IEnumerable<IModuleDatabase> databases, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var unreachable = new List<string>();
        foreach (var database in databases)
        {
            try
            {
                if (!await database.CanConnectAsync(services, cancellationToken))
                {
                    unreachable.Add(database.ModuleName);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                unreachable.Add(database.ModuleName);
            }
        }

        return unreachable.Count == 0
            ? HealthCheckResult.Healthy("All module databases answer.")
            : HealthCheckResult.Unhealthy($"Unreachable: {string.Join(", ", unreachable)}.");
    }
}

public static class ModuleDatabaseHealth
{
    /// <summary>The readiness check every shop host (monolith or service) uses: its module databases answer.</summary>
    public static IServiceCollection AddModuleDatabaseHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ModuleDatabasesHealthCheck>("databases", tags: [Strangler.ServiceDefaults.Health.HealthEndpoints.ReadyTag]);
        return services;
    }
}
