using Microsoft.Extensions.DependencyInjection;
using Strangler.AppHost;

namespace Strangler.Aspire;

/// <summary>The sample's app, built for the command line or for a test that runs it in its own process (and drives its dashboard commands).</summary>
public static class AspireSample
{
    public static DistributedApplication Build(DistributedApplicationOptions options, int facade, int monolith, int catalog, int ordering, string? data)
    {
        var builder = DistributedApplication.CreateBuilder(options);
        SampleParts.Add(builder, new SamplePorts(facade, monolith, catalog, ordering), data);
        return builder.Build();
    }

    /// <summary>Runs one of a resource's commands, as its button in the Aspire dashboard does.</summary>
    public static Task<ExecuteCommandResult> RunCommandAsync(DistributedApplication app, string resource, string command, CancellationToken cancellationToken) =>
        app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, cancellationToken);
}
