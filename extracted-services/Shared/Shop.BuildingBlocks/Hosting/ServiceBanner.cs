using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.Persistence;
using Shop.BuildingBlocks.Sync;

namespace Shop.BuildingBlocks.Hosting;

/// <summary>What a person sees after starting an extracted service or running one of its commands.</summary>
public static class ServiceBanner
{
    public static void Print(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "?";
        Console.WriteLine($"""

            {app.Configuration["Serving:Name"]} is running.
              API docs   {address}/scalar
              Health     {address}/health/ready
              Sync       {address}/api/sync/status (admin)
              Database   {Describe(DatabaseOptions.FromConfiguration(app.Configuration))}
            Press Ctrl+C to stop.

            """);
    }

    public static string Describe(DatabaseOptions database) =>
        database.Provider == DatabaseProvider.Sqlite ? $"SQLite files in {Path.GetFullPath(database.SqliteDirectory)}" : database.Provider.ToString();

    public static int PrintBackfill(BackfillReport report)
    {
        var start = report.Resumed ? $"resumed at page {report.FromPage}" : "from the start";
        Console.WriteLine(
            $"Backfill of {report.Dataset} {start}: {report.Pages} page(s), {report.Inserted} inserted, {report.Updated} updated, " +
            $"{report.Unchanged} unchanged. Change sync continues after outbox sequence {report.FeedCursor}.");
        return 0;
    }

    public static int PrintSync(string feed, int applied)
    {
        Console.WriteLine($"Sync from {feed}: {applied} new event(s) applied; in step with the feed.");
        return 0;
    }
}
