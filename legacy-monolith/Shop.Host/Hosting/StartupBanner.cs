using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Shop.BuildingBlocks.Persistence;

namespace Shop.Host;

/// <summary>What a person needs after <c>dotnet run</c>: where to point a browser or curl.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? "http://127.0.0.1:5100";
        var database = DatabaseOptions.FromConfiguration(app.Configuration);
        var where = database.Provider == DatabaseProvider.Sqlite ? $"SQLite files in {Path.GetFullPath(database.SqliteDirectory)}" : database.Provider.ToString();
        Console.WriteLine($"""

            Strangler sample shop (legacy monolith) is running.
              Products   {address}/api/catalog/products
              Orders     {address}/api/customers/<customer-id>/orders
              API docs   {address}/scalar
              OpenAPI    {address}/openapi/v1.json
              Health     {address}/health/ready
              Database   {where}
            Press Ctrl+C to stop.

            """);
    }
}
