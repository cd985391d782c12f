using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strangler.Contracts;
using Strangler.Facade.Persistence;

namespace Strangler.Facade.Hosting;

/// <summary>Ready when the flag store answers; the backends' health is YARP's, shown per capability in the admin API.</summary>
internal sealed class FlagStoreHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<FlagStoreDbContext>().Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The flag store answers.")
                : HealthCheckResult.Unhealthy("The flag store does not answer.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The flag store does not answer.", exception);
        }
    }
}

internal static class HealthEndpoints
{
    public static WebApplication MapFacadeHealth(this WebApplication app)
    {
        app.MapHealthChecks(AdminRoutes.Health + "/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(AdminRoutes.Health + "/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
