using Microsoft.Extensions.Configuration;
using Shop.BuildingBlocks.Hosting;
using Shop.Host;
using Testing.Infrastructure.Databases;
using Testing.Infrastructure.Servers;

namespace Monolith.Tests.Persistence;

/// <summary>
/// Two replicas of a shop host started at the same moment on one empty PostgreSQL database both come
/// up: each module's migrations run once, the second replica waiting for the first.
/// </summary>
public sealed class ConcurrentMigrationTests
{
    private const int ReplicaCount = 2;

    [Fact]
    public async Task Replicas_migrating_an_empty_database_at_the_same_moment_both_succeed()
    {
        for (var round = 0; round < 3; round++)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = "PostgreSql",
                ["Database:ConnectionString"] = await PostgresServer.Shared.CreateDatabaseAsync("shop"),
                ["Seed:Enabled"] = "false",
                ["Serilog:MinimumLevel:Default"] = "Warning",
            };
            await Replicas.TogetherAsync(
                ReplicaCount,
                () => ShopApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(settings)),
                app => app.MigrateDatabasesAsync(CancellationToken.None));
        }
    }
}
