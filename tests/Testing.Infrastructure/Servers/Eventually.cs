using System.Net.Http.Json;
using Strangler.Contracts;
namespace Testing.Infrastructure.Servers;

/// <summary>Bounded waits for things that happen in the background (health checks, polling): never an unbounded loop.</summary>
public static class Eventually
{
    public static async Task<bool> TrueWithinAsync(TimeSpan limit, Func<Task<bool>> condition, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Waits (at most 15 s) until the façade sees the capability's service side healthy.</summary>
    public static async Task HealthyAsync(FacadeServer facade, string capability)
    {
        var healthy = await TrueWithinAsync(TimeSpan.FromSeconds(15), async () =>
        {
            var view = await facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability(capability), AdminJson.Options);
            return view!.ServiceHealth == ClusterHealth.Healthy;
        }, TimeSpan.FromMilliseconds(100));
        if (!healthy)
        {
            throw new TimeoutException($"The service side of {capability} did not become healthy within 15 s.");
        }
    }
}
