using Npgsql;
using Strangler.ServiceDefaults.Persistence;
using Microsoft.Extensions.Configuration;
using Proxy.Tests.Fixtures;
using Strangler.Facade;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Persistence;

/// <summary>
/// Replicas started at the same moment on an empty PostgreSQL flag store all come up: one creates the
/// tables, the others wait for it and find them made. Before the advisory lock, one of two replicas
/// could stop at start with 42P07 (relation already exists).
/// </summary>
public sealed class ConcurrentMigrationTests(StandInPair backends) : IClassFixture<StandInPair>
{
    private const int ReplicaCount = 3;
    private const int Rounds = 4;

    [Fact]
    public async Task Replicas_preparing_an_empty_flag_store_at_the_same_moment_all_succeed()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var settings = await backends.Manifest().NewPostgresStoreAsync();
            await Replicas.TogetherAsync(
                ReplicaCount,
                () => FacadeApplication.Build(
                    [$"--contentRoot={TestRun.TempFolder("facade")}", "--environment=Production", "--urls=http://127.0.0.1:0"],
                    builder => builder.Configuration.AddInMemoryCollection(settings.Values)),
                app => FacadeApplication.PrepareAsync(app, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_replica_waits_for_one_that_is_migrating_and_goes_on_when_that_one_dies()
    {
        var settings = await backends.Manifest().NewPostgresStoreAsync();
        var connectionString = settings.Values["Strangler:FlagStore:ConnectionString"]!;
        // Another replica in the middle of migrating: it holds the lock on a session of its own.
        var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", other))
        {
            take.Parameters.AddWithValue(ExclusiveMigration.LockKey("flag-store"));
            await take.ExecuteNonQueryAsync();
        }

        await using var app = FacadeApplication.Build(
            [$"--contentRoot={TestRun.TempFolder("facade")}", "--environment=Production", "--urls=http://127.0.0.1:0"],
            builder => builder.Configuration.AddInMemoryCollection(settings.Values));
        var prepare = Task.Run(() => FacadeApplication.PrepareAsync(app, CancellationToken.None));

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => await WaitingForAdvisoryLockAsync(connectionString)),
            "The starting replica never queued behind the lock the other one holds.");
        Assert.False(prepare.IsCompleted);

        // The other replica dies: its session ends, and with it the lock.
        await other.DisposeAsync();
        // Prepare migrates and then reads the capability states: done means the tables are there.
        await prepare.WaitAsync(Eventually.Generous);
    }

    private static async Task<bool> WaitingForAdvisoryLockAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }
}
