using Testing.Infrastructure.Servers;

namespace Services.Tests.Fixtures;

/// <summary>
/// The real monolith and both real services on one provider, the services backfilled from the
/// monolith. Their relays poll rarely, so a test decides when sync runs (<see cref="ServiceServer.CatchUpAsync"/>)
/// and a reset never races a relay.
/// </summary>
public abstract class SideBySideFixture(bool postgres) : IAsyncLifetime
{
    public bool Postgres { get; } = postgres;

    public ShopServer Monolith { get; private set; } = null!;

    public ServiceServer Catalog { get; private set; } = null!;

    public ServiceServer Ordering { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Monolith = await ShopServer.StartOnAsync(Postgres);
        Catalog = await ServiceServer.StartAsync(ExtractedService.Catalog, Monolith, Postgres);
        Ordering = await ServiceServer.StartAsync(ExtractedService.Ordering, Monolith, Postgres);
    }

    private bool _fresh;

    /// <summary>Resets unless the last test only read; a test that writes calls <see cref="Changed"/>.</summary>
    public async Task EnsureFreshAsync()
    {
        if (!_fresh)
        {
            await ResetAsync();
            _fresh = true;
        }
    }

    public void Changed() => _fresh = false;

    /// <summary>The seeded sample on the monolith, copied to both services; services first, so nothing old flows back.</summary>
    public async Task ResetAsync()
    {
        await Catalog.ResetAsync();
        await Ordering.ResetAsync();
        await Monolith.ResetAsync();
        await Catalog.BackfillAsync();
        await Ordering.BackfillAsync();
    }

    public async Task DisposeAsync()
    {
        await Ordering.DisposeAsync();
        await Catalog.DisposeAsync();
        await Monolith.DisposeAsync();
    }
}

public sealed class PostgresSideBySide() : SideBySideFixture(postgres: true);

public sealed class SqliteSideBySide() : SideBySideFixture(postgres: false);

[CollectionDefinition(Name)]
public sealed class PostgresSides : ICollectionFixture<PostgresSideBySide>
{
    public const string Name = "Monolith and services on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class SqliteSides : ICollectionFixture<SqliteSideBySide>
{
    public const string Name = "Monolith and services on SQLite";
}
