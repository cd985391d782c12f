using Microsoft.AspNetCore.Builder;

namespace Testing.Infrastructure.Servers;

/// <summary>Several hosts of one kind, as replicas started at the same moment.</summary>
public static class Replicas
{
    /// <summary>
    /// Builds <paramref name="count"/> hosts, then runs <paramref name="step"/> on all of them released
    /// together, so that what the step does overlaps, not the builds; every host is disposed after.
    /// </summary>
    public static async Task TogetherAsync(int count, Func<WebApplication> build, Func<WebApplication, Task> step)
    {
        var apps = Enumerable.Range(0, count).Select(_ => build()).ToList();
        try
        {
            using var start = new SemaphoreSlim(0, count);
            var steps = apps.Select(app => Task.Run(async () =>
            {
                await start.WaitAsync();
                await step(app);
            })).ToList();
            start.Release(count);
            await Task.WhenAll(steps);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
