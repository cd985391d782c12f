using Catalog.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Ordering.Service;
using Shop.BuildingBlocks.Hosting;
using Shop.Host;
using Strangler.AppHost.Readiness;
using Strangler.Facade;

namespace Strangler.AppHost;

/// <summary>
/// Starts the monolith, the two extracted services (each backfilled from the monolith, then kept in
/// step by its relay) and the façade in front of them all, in one process, each with its own project
/// folder as content root (so each reads its own appsettings and keeps its SQLite files beside it).
/// The banner is printed only when every part is ready (see <see cref="ReadinessProbes"/>); until
/// then each part's state is printed as it changes. Ctrl+C, or any part stopping, stops them all,
/// the façade first.
/// </summary>
internal static class SampleSystem
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(SampleOptions.Usage);
            return 0;
        }

        var options = SampleOptions.Parse(args, out var problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            await Console.Error.WriteLineAsync(SampleOptions.Usage);
            return 2;
        }

        if (PortInUse.Check(options.Ports) is { Count: > 0 } busy)
        {
            foreach (var line in busy)
            {
                await Console.Error.WriteLineAsync(line);
            }

            return 2;
        }

        var root = RepositoryRoot.Find();
        if (root is null)
        {
            await Console.Error.WriteLineAsync("Cannot find the repository (a folder with Strangler.sln) above " + AppContext.BaseDirectory);
            return 2;
        }

        var ports = options.Ports;
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

        WebApplication[] stopOrder = [facade, ordering, catalog, monolith];
        // Ctrl+C reaches every part's lifetime; a start still waiting on readiness gives up at once.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource([.. stopOrder.Select(part => part.Lifetime.ApplicationStopping)]);
        try
        {
            var shopParts = new[]
            {
                ShopPart("monolith", ports.MonolithUrl, monolith), ShopPart("catalog-service", ports.CatalogServiceUrl, catalog),
                ShopPart("ordering-service", ports.OrderingServiceUrl, ordering),
            };
            var facadePart = new SamplePart("façade", new Uri(ports.FacadeUrl), FacadeAdminKey(facade), ReadinessProbes.FacadeAsync);

            await ShopApplication.PrepareDatabasesAsync(monolith, stopping.Token);
            await PortInUse.StartAsync(monolith, ports.MonolithPart, stopping.Token);
            await CatalogService.PrepareAsync(catalog, stopping.Token);
            var catalogCopy = await CatalogService.BackfillAsync(catalog.Services, stopping.Token);
            await PortInUse.StartAsync(catalog, ports.CatalogServicePart, stopping.Token);
            await OrderingService.PrepareAsync(ordering, stopping.Token);
            var orderingCopy = await OrderingService.BackfillAsync(ordering.Services, stopping.Token);
            await PortInUse.StartAsync(ordering, ports.OrderingServicePart, stopping.Token);

            // The façade starts once its backends are ready, so its first health probes find them up.
            var deadline = DateTime.UtcNow + options.ReadyTimeout;
            Console.WriteLine($"Waiting for every part to be ready (at most {options.ReadyTimeout.TotalSeconds:0} s):");
            var readiness = new ReadinessWait(Console.Out);
            var missing = await readiness.UntilReadyAsync(shopParts, options.ReadyTimeout, stopping.Token);
            if (missing.Count == 0)
            {
                await FacadeApplication.PrepareAsync(facade, stopping.Token);
                await PortInUse.StartAsync(facade, ports.FacadePart, stopping.Token);
                var left = deadline - DateTime.UtcNow;
                missing = await readiness.UntilReadyAsync([.. shopParts, facadePart], left > TimeSpan.Zero ? left : TimeSpan.Zero, stopping.Token);
            }

            if (missing.Count > 0)
            {
                await Console.Error.WriteLineAsync($"The sample is not ready after {options.ReadyTimeout.TotalSeconds:0} s; stopping it. Not ready:");
                foreach (var (part, reason) in missing)
                {
                    await Console.Error.WriteLineAsync($"  {part}: {reason}");
                }

                await StopAsync(stopOrder);
                return 1;
            }

            Console.WriteLine($"""

                Strangler sample is running. Send every request to the façade:
                {FacadeApplication.DescribeRunning(facade)}
                  Monolith          {ports.MonolithUrl}   (behind the façade; API docs at {ports.MonolithUrl}/scalar)
                  catalog-service   {ports.CatalogServiceUrl}   ({catalogCopy.Inserted + catalogCopy.Updated + catalogCopy.Unchanged} products copied, then kept in step)
                  ordering-service  {ports.OrderingServiceUrl}   ({orderingCopy.Inserted + orderingCopy.Updated + orderingCopy.Unchanged} orders copied, then kept in step)
                Press Ctrl+C to stop everything.

                """);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await StopAsync(stopOrder);
            return 0;
        }
        catch (PortInUseException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            await StopAsync(stopOrder);
            return 2;
        }

        await Task.WhenAny(stopOrder.Select(part => part.WaitForShutdownAsync()));
        await StopAsync(stopOrder);
        return 0;
    }

    private static async Task StopAsync(WebApplication[] stopOrder)
    {
        foreach (var part in stopOrder)
        {
            await part.StopAsync();
        }

        foreach (var part in stopOrder)
        {
            await part.DisposeAsync();
        }
    }

    private static SamplePart ShopPart(string name, string url, WebApplication app) =>
        new(name, new Uri(url), app.Configuration["Admin:ApiKey"], ReadinessProbes.ShopHostAsync);

    // With no key configured the façade's admin API answers loopback callers in Development, as it does the CLI.
    private static string? FacadeAdminKey(WebApplication facade) =>
        facade.Configuration.GetSection("Strangler:Admin:Keys").GetChildren().Select(key => key.Value).FirstOrDefault(value => !string.IsNullOrEmpty(value));

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
