using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Shop.BuildingBlocks.Persistence;

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
}
