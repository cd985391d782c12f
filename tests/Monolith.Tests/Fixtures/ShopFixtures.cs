using Testing.Infrastructure.Servers;

namespace Monolith.Tests.Fixtures;

/// <summary>One real shop per provider for the whole run; tests in a collection share it one at a time.</summary>
public abstract class ShopFixture : IAsyncLifetime
{
    public ShopServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected abstract Task<ShopServer> StartAsync();
}

public sealed class PostgresShopFixture : ShopFixture
{
    protected override Task<ShopServer> StartAsync() => ShopServer.StartOnPostgresAsync();
}

public sealed class SqliteShopFixture : ShopFixture
{
    protected override Task<ShopServer> StartAsync() => ShopServer.StartOnSqliteAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresShop : ICollectionFixture<PostgresShopFixture>
{
    public const string Name = "Shop on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class SqliteShop : ICollectionFixture<SqliteShopFixture>
{
    public const string Name = "Shop on SQLite";
}
