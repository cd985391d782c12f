using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using Shop.BuildingBlocks.Persistence;
using Shop.BuildingBlocks.Seeding;
using Shop.Host;
using Testing.Infrastructure.Databases;

namespace Testing.Infrastructure.Servers;

/// <summary>
/// The real monolith on a real Kestrel server at 127.0.0.1 on a free port, on PostgreSQL or SQLite.
/// <see cref="ResetAsync"/> wipes every module's data with Respawn and seeds the small test sample.
/// </summary>
public sealed class ShopServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789-abcdefghij";

    /// <summary>Small enough to reseed before every test, large enough to page and filter.</summary>
    public static readonly SampleSize TestSample = new(Categories: 6, Products: 60, Customers: 6);

    private static readonly string[] ModuleNames = ["Catalog", "Ordering", "Payments"];
    private readonly WebApplication _app;
    private readonly DatabaseOptions _database;

    private ShopServer(WebApplication app, DatabaseOptions database, Uri baseAddress)
    {
        _app = app;
        _database = database;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
        Admin = new HttpClient { BaseAddress = baseAddress };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public DatabaseProvider Provider => _database.Provider;

    public Uri BaseAddress { get; }

    /// <summary>A client with no credential.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="extra">More settings, such as a reverse-sync feed.</param>
    /// <param name="configure">More of the test's own, such as a service registered in the host.</param>
    public static async Task<ShopServer> StartOnPostgresAsync(IDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null) =>
        await StartAsync(new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = await PostgresServer.Shared.CreateDatabaseAsync("shop"),
        }, configure);

    /// <param name="extra">More settings, such as a reverse-sync feed.</param>
    /// <param name="configure">More of the test's own, such as a service registered in the host.</param>
    public static Task<ShopServer> StartOnSqliteAsync(IDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SqliteDirectory"] = TestRun.TempFolder("sqlite"),
        }, configure);

    /// <summary>On PostgreSQL or SQLite, as a test parameter says.</summary>
    public static Task<ShopServer> StartOnAsync(bool postgres, IDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null) =>
        postgres ? StartOnPostgresAsync(extra, configure) : StartOnSqliteAsync(extra, configure);

    public static async Task<ShopServer> StartAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var server = await LaunchAsync(settings, configure);
        await server.ResetAsync();
        return server;
    }

    /// <summary>
    /// Stops this host and starts a new one on the same database, data kept: what a process restarted
    /// after a crash finds. Dispose the returned server; this one is done.
    /// </summary>
    public async Task<ShopServer> RestartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        await DisposeAsync();
        return await LaunchAsync(_settings, configure);
    }

    private static async Task<ShopServer> LaunchAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure)
    {
        var app = ShopApplication.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Admin:ApiKey"] = AdminKey,
                ["Seed:Enabled"] = "false",
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["DryRun:Secret"] = ServiceServer.DryRunSecret,
            });
            builder.Configuration.AddInMemoryCollection(Identity.TestTokens.Settings("Authentication"));
            builder.Configuration.AddInMemoryCollection(settings);
            configure?.Invoke(builder);
        });
        await ShopApplication.PrepareDatabasesAsync(app, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ShopServer(app, DatabaseOptions.FromConfiguration(app.Configuration), new Uri(address)) { _settings = settings };
    }

    private IDictionary<string, string?> _settings = new Dictionary<string, string?>();

    /// <summary>One number from a module's own database, for checks below the API.</summary>
    public Task<long> ScalarAsync(string module, string sqlWithTable, string table) =>
        ModuleScalar.ReadAsync(_database, module, sqlWithTable, table);

    /// <summary>Deletes every row of every module (migration history kept), then seeds <see cref="TestSample"/>.</summary>
    public async Task ResetAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(_database.ConnectionString);
            await connection.OpenAsync();
            var respawner = await Respawner.CreateAsync(connection, ModuleSchemas(DbAdapter.Postgres));
            await respawner.ResetAsync(connection);
        }
        else if (Provider == DatabaseProvider.SqlServer)
        {
            await using var connection = new Microsoft.Data.SqlClient.SqlConnection(_database.ConnectionString);
            await connection.OpenAsync();
            var respawner = await Respawner.CreateAsync(connection, ModuleSchemas(DbAdapter.SqlServer));
            await respawner.ResetAsync(connection);
        }
        else
        {
            foreach (var module in ModuleNames)
            {
                await using var connection = new SqliteConnection(_database.ConnectionStringFor(module));
                await connection.OpenAsync();
                var respawner = await SqliteRespawnAdapter.CreateRespawnerAsync(connection);
                await respawner.ResetAsync(connection);
            }
        }

        await ShopApplication.SeedAsync(_app.Services, TestSample, CancellationToken.None);
    }

    // On a server database every module's tables sit in the module's schema; EF's history tables stay.
    private static RespawnerOptions ModuleSchemas(IDbAdapter adapter) => new()
    {
        DbAdapter = adapter,
        SchemasToInclude = ModuleNames.Select(name => name.ToLowerInvariant()).ToArray(),
        TablesToIgnore = [new Respawn.Graph.Table("__EFMigrationsHistory")],
    };

    /// <summary>Opens a connection to one module's database, for checks a test makes below the API.</summary>
    public System.Data.Common.DbConnection OpenConnection(string module)
    {
        System.Data.Common.DbConnection connection = Provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnection(_database.ConnectionString)
            : new SqliteConnection(_database.ConnectionStringFor(module));
        connection.Open();
        return connection;
    }

    /// <summary>The table name as a query must spell it on this provider (schema-qualified on PostgreSQL).</summary>
    public string Table(string module, string table) =>
        Provider == DatabaseProvider.PostgreSql ? $"\"{module.ToLowerInvariant()}\".\"{table}\"" : $"\"{table}\"";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
