using Catalog.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Ordering.Service;
using Shop.Host;
using Strangler.Facade;

namespace Strangler.AppHost;

/// <summary>
/// Starts the monolith, the two extracted services (each backfilled from the monolith, then kept in
/// step by its relay) and the façade in front of them all, in one process, each with its own project
/// folder as content root (so each reads its own appsettings and keeps its SQLite files beside it).
/// Ctrl+C, or any part stopping, stops them all, the façade first.
/// </summary>
internal static class SampleSystem
{
    public const string MonolithUrl = "http://127.0.0.1:5100";
    public const string FacadeUrl = "http://127.0.0.1:5000";
    public const string CatalogServiceUrl = "http://127.0.0.1:5200";
    public const string OrderingServiceUrl = "http://127.0.0.1:5300";

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
        // The monolith reads the ordering service's outbox back (reverse sync), so orders the service
        // takes once it owns ordering writes reach the monolith too.
        var monolith = ShopApplication.Build(
            [.. HostArguments(Path.Combine(root, "legacy-monolith", "Shop.Host"), MonolithUrl, environment), $"--Sync:Feeds:ordering-service:Url={OrderingServiceUrl}"]);
        var catalog = CatalogService.Build(HostArguments(Path.Combine(root, "extracted-services", "Catalog.Service"), CatalogServiceUrl, environment));
        var ordering = OrderingService.Build(HostArguments(Path.Combine(root, "extracted-services", "Ordering.Service"), OrderingServiceUrl, environment));
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
        await CatalogService.PrepareAsync(catalog, CancellationToken.None);
        var catalogCopy = await CatalogService.BackfillAsync(catalog.Services, CancellationToken.None);
        await catalog.StartAsync();
        await OrderingService.PrepareAsync(ordering, CancellationToken.None);
        var orderingCopy = await OrderingService.BackfillAsync(ordering.Services, CancellationToken.None);
        await ordering.StartAsync();
        await FacadeApplication.PrepareAsync(facade, CancellationToken.None);
        await facade.StartAsync();

        Console.WriteLine($"""

            Strangler sample is running. Send every request to the façade:
            {FacadeApplication.DescribeRunning(facade)}
              Monolith          {MonolithUrl}   (behind the façade; API docs at {MonolithUrl}/scalar)
              catalog-service   {CatalogServiceUrl}   ({catalogCopy.Inserted + catalogCopy.Updated + catalogCopy.Unchanged} products copied, then kept in step)
              ordering-service  {OrderingServiceUrl}   ({orderingCopy.Inserted + orderingCopy.Updated + orderingCopy.Unchanged} orders copied, then kept in step)
            Press Ctrl+C to stop everything.

            """);

        await Task.WhenAny(monolith.WaitForShutdownAsync(), catalog.WaitForShutdownAsync(), ordering.WaitForShutdownAsync(), facade.WaitForShutdownAsync());
        WebApplication[] stopOrder = [facade, ordering, catalog, monolith];
        foreach (var part in stopOrder)
        {
            await part.StopAsync();
        }

        foreach (var part in stopOrder)
        {
            await part.DisposeAsync();
        }
        return 0;
    }

    private static string[] HostArguments(string contentRoot, string url, string environment) =>
        [$"--contentRoot={contentRoot}", $"--urls={url}", $"--environment={environment}"];
}
