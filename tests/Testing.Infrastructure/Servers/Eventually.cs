using System.Net.Http.Json;
using Strangler.Contracts;
namespace Testing.Infrastructure.Servers;

/// <summary>Bounded waits for things that happen in the background (health checks, polling): never an unbounded loop.</summary>
public static class Eventually
{
    /// <summary>
    /// How long any wait in the suite may take: far beyond what each takes on an idle machine (well
    /// under a second to a few seconds), so a loaded 2-core machine slows a test without failing it.
    /// Only a wait whose condition never comes runs this long, and that is a failure anyway.
    /// </summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

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

    /// <summary>Waits (at most <see cref="Generous"/>) until the façade sees the capability's service side healthy.</summary>
    public static async Task HealthyAsync(FacadeServer facade, string capability)
    {
        var healthy = await TrueWithinAsync(Generous, async () =>
        {
            var view = await facade.Admin.GetFromJsonAsync<CapabilityView>(AdminRoutes.Capability(capability), AdminJson.Options);
            return view!.ServiceHealth == ClusterHealth.Healthy;
        }, TimeSpan.FromMilliseconds(100));
        if (!healthy)
        {
            throw new TimeoutException($"The service side of {capability} did not become healthy within {Generous.TotalSeconds:0} s.");
        }
    }
}
