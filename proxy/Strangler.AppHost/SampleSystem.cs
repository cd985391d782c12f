using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Shop.Host;
using Strangler.Facade;

namespace Strangler.AppHost;

/// <summary>
/// Starts the monolith, then the façade in front of it, in one process, each with its own project
/// folder as content root (so each reads its own appsettings and keeps its SQLite files beside it).
/// Ctrl+C, or any part stopping, stops them all, the façade first.
/// </summary>
internal static class SampleSystem
{
    public const string MonolithUrl = "http://127.0.0.1:5100";
    public const string FacadeUrl = "http://127.0.0.1:5000";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0)
        {
            await Console.Error.WriteLineAsync(
                $"Strangler.AppHost takes no arguments (got: {string.Join(' ', args)}). It runs the sample as configured in each project's appsettings.json; to run one part with other settings, run that project on its own.");
            return 2;
        }

        var root = RepositoryRoot.Find();
        if (root is null)
        {
            await Console.Error.WriteLineAsync("Cannot find the repository (a folder with Strangler.sln) above " + AppContext.BaseDirectory);
            return 2;
        }

        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development";
        var monolith = ShopApplication.Build(HostArguments(Path.Combine(root, "legacy-monolith", "Shop.Host"), MonolithUrl, environment));
        WebApplication facade;
        try
        {
            facade = FacadeApplication.Build(HostArguments(Path.Combine(root, "proxy", "Strangler.Facade"), FacadeUrl, environment));
        }
        catch (InvalidOperationException exception) when (exception.InnerException is not null)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        await ShopApplication.PrepareDatabasesAsync(monolith, CancellationToken.None);
        await monolith.StartAsync();
        await FacadeApplication.PrepareAsync(facade, CancellationToken.None);
        await facade.StartAsync();

        Console.WriteLine($"""

            Strangler sample is running. Send every request to the façade:
            {FacadeApplication.DescribeRunning(facade)}
              Monolith   {MonolithUrl}   (behind the façade; API docs at {MonolithUrl}/scalar)
            Press Ctrl+C to stop everything.

            """);

        await Task.WhenAny(monolith.WaitForShutdownAsync(), facade.WaitForShutdownAsync());
        await facade.StopAsync();
        await monolith.StopAsync();
        await facade.DisposeAsync();
        await monolith.DisposeAsync();
        return 0;
    }

    private static string[] HostArguments(string contentRoot, string url, string environment) =>
        [$"--contentRoot={contentRoot}", $"--urls={url}", $"--environment={environment}"];
}
