using Catalog.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Ordering.Service;
using Shop.BuildingBlocks.Hosting;
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
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(SamplePorts.Usage);
            return 0;
        }

        var ports = SamplePorts.Parse(args, out var problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            await Console.Error.WriteLineAsync(SamplePorts.Usage);
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
        // Each part is told where the others are, so moved ports stay one consistent system.
        var monolith = ShopApplication.Build(
            [.. HostArguments(Path.Combine(root, "legacy-monolith", "Shop.Host"), ports.MonolithUrl, environment),
             $"--Sync:Feeds:ordering-service:Url={ports.OrderingServiceUrl}"]);
        var catalog = CatalogService.Build(
            [.. HostArguments(Path.Combine(root, "extracted-services", "Catalog.Service"), ports.CatalogServiceUrl, environment),
             $"--Sync:Feeds:{CatalogService.MonolithFeed}:Url={ports.MonolithUrl}"]);
        var ordering = OrderingService.Build(
            [.. HostArguments(Path.Combine(root, "extracted-services", "Ordering.Service"), ports.OrderingServiceUrl, environment),
             $"--Sync:Feeds:{OrderingService.MonolithFeed}:Url={ports.MonolithUrl}", $"--Monolith:BaseUrl={ports.FacadeUrl}"]);
        WebApplication facade;
        try
        {
            facade = FacadeApplication.Build([.. HostArguments(Path.Combine(root, "proxy", "Strangler.Facade"), ports.FacadeUrl, environment), .. FacadeArguments(ports)]);
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
              Monolith          {ports.MonolithUrl}   (behind the façade; API docs at {ports.MonolithUrl}/scalar)
              catalog-service   {ports.CatalogServiceUrl}   ({catalogCopy.Inserted + catalogCopy.Updated + catalogCopy.Unchanged} products copied, then kept in step)
              ordering-service  {ports.OrderingServiceUrl}   ({orderingCopy.Inserted + orderingCopy.Updated + orderingCopy.Unchanged} orders copied, then kept in step)
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

    private static IEnumerable<string> FacadeArguments(SamplePorts ports)
    {
        yield return $"--Strangler:Clusters:monolith:Destinations:0={ports.MonolithUrl}";
        yield return $"--Strangler:Clusters:catalog-service:Destinations:0={ports.CatalogServiceUrl}";
        yield return $"--Strangler:Clusters:ordering-service:Destinations:0={ports.OrderingServiceUrl}";
        if (SampleDataRoot.FolderFor("facade") is { } folder)
        {
            yield return $"--Strangler:FlagStore:SqlitePath={Path.Combine(folder, "flags.db")}";
        }
    }

    private static string[] HostArguments(string contentRoot, string url, string environment) =>
        [$"--contentRoot={contentRoot}", $"--urls={url}", $"--environment={environment}"];
}
