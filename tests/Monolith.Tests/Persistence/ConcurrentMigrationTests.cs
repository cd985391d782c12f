using Microsoft.Extensions.Configuration;
using Shop.BuildingBlocks.Hosting;
using Shop.Host;
using Testing.Infrastructure.Databases;

namespace Monolith.Tests.Persistence;

/// <summary>
/// Two replicas of a shop host started at the same moment on one empty PostgreSQL database both come
/// up: each module's migrations run once, the second replica waiting for the first.
/// </summary>
public sealed class ConcurrentMigrationTests
{
    private const int Replicas = 2;

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
            var apps = Enumerable.Range(0, Replicas)
                .Select(_ => ShopApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(settings)))
                .ToList();
            try
            {
                // Built first, then released together: the migrations themselves overlap, not the host builds.
                using var start = new SemaphoreSlim(0, Replicas);
                var migrations = apps.Select(app => Task.Run(async () =>
                {
                    await start.WaitAsync();
                    await app.MigrateDatabasesAsync(CancellationToken.None);
                })).ToList();
                start.Release(Replicas);
                await Task.WhenAll(migrations);
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
}
