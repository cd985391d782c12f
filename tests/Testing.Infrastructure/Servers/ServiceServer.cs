using System.Net.Http.Headers;
using Catalog.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ordering.Service;
using Respawn;
using Shop.BuildingBlocks.Persistence;
using Shop.Sync.Feeds;
using Testing.Infrastructure.Databases;

namespace Testing.Infrastructure.Servers;

/// <summary>Which extracted service, and the module name its database and outbox go by.</summary>
public sealed record ExtractedService(string Name, string Module, string Dataset)
{
    public static readonly ExtractedService Catalog = new("catalog-service", CatalogService.Module, "products");
    public static readonly ExtractedService Ordering = new("ordering-service", OrderingService.Module, "orders");
}

/// <summary>
/// A real extracted service (catalog-service or ordering-service) on a real Kestrel server at
/// 127.0.0.1, with its own database (a new PostgreSQL database or SQLite folder) and its feed
/// pointed at a real monolith. It can be stopped and started again on the same database, as a
/// restart would. <see cref="ResetAsync"/> empties its tables with Respawn.
/// </summary>
public sealed class ServiceServer : IAsyncDisposable
{
    public const string DryRunSecret = "a-long-test-dry-run-secret";

    private readonly Dictionary<string, string?> _settings;
    private readonly DatabaseOptions _database;
    private WebApplication? _app;

    private ServiceServer(ExtractedService service, Dictionary<string, string?> settings)
    {
        Service = service;
        _settings = settings;
        _database = DatabaseOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    public ExtractedService Service { get; }

    public DatabaseProvider Provider => _database.Provider;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException($"{Service.Name} is stopped.");

    public bool IsRunning => _app is not null;

    /// <param name="service">Which service.</param>
    /// <param name="monolith">The monolith whose outbox and export it reads (and, for ordering, whose stock and payments it calls).</param>
    /// <param name="postgres">A new PostgreSQL database when true, a new SQLite folder otherwise.</param>
    /// <param name="pollInterval">How often its relay polls in the background; by default it hardly does, and tests drive sync with <see cref="CatchUpAsync"/>.</param>
    /// <param name="port">A fixed port, when the monolith must know the address first (reverse sync); free otherwise.</param>
    /// <param name="monolithCalls">Where ordering calls stock and payments (a façade, say); the monolith by default.</param>
    public static async Task<ServiceServer> StartAsync(
        ExtractedService service, ShopServer monolith, bool postgres, TimeSpan? pollInterval = null, int port = 0, Uri? monolithCalls = null)
    {
        var feed = service == ExtractedService.Catalog ? CatalogService.MonolithFeed : OrderingService.MonolithFeed;
        var settings = new Dictionary<string, string?>
        {
            ["Admin:ApiKey"] = ShopServer.AdminKey,
            ["DryRun:Secret"] = DryRunSecret,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            [$"Sync:Feeds:{feed}:Url"] = monolith.BaseAddress.ToString(),
            [$"Sync:Feeds:{feed}:ApiKey"] = ShopServer.AdminKey,
            [$"Sync:Feeds:{feed}:PollInterval"] = (pollInterval ?? TimeSpan.FromMinutes(10)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            // Driven step by step, no write can be in flight when a test syncs: every hole is a rolled-back
            // write or a reset. With background relays and concurrent writers, holes are waited for.
            [$"Sync:Feeds:{feed}:GapTimeout"] = pollInterval is null ? "00:00:00" : "00:00:01",
            ["Urls"] = $"http://127.0.0.1:{port}",
        };
        foreach (var (key, value) in Identity.TestTokens.Settings("Authentication"))
        {
            settings[key] = value;
        }

        if (service == ExtractedService.Ordering)
        {
            settings["Monolith:BaseUrl"] = (monolithCalls ?? monolith.BaseAddress).ToString();
            settings["Monolith:ApiKey"] = ShopServer.AdminKey;
            settings["Monolith:Timeout"] = "00:00:05";
        }

        if (postgres)
        {
            settings["Database:Provider"] = "PostgreSql";
            settings["Database:ConnectionString"] = await PostgresServer.Shared.CreateDatabaseAsync(service.Module.ToLowerInvariant() + "_service");
        }
        else
        {
            settings["Database:Provider"] = "Sqlite";
            settings["Database:SqliteDirectory"] = TestRun.TempFolder(service.Name);
        }

        var server = new ServiceServer(service, settings);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts (again) on the same database, as after a crash or a deploy; the port may change.</summary>
    public async Task StartAgainAsync()
    {
        var contentRoot = TestRun.TempFolder("service-root");
        string[] args = [$"--contentRoot={contentRoot}", "--environment=Production"];
        _app = Service == ExtractedService.Catalog
            ? CatalogService.Build(args, Configure)
            : OrderingService.Build(args, Configure);
        if (Service == ExtractedService.Catalog)
        {
            await CatalogService.PrepareAsync(_app, CancellationToken.None);
        }
        else
        {
            await OrderingService.PrepareAsync(_app, CancellationToken.None);
        }

        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
        Admin = new HttpClient { BaseAddress = BaseAddress };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ShopServer.AdminKey);
    }

    /// <summary>More of a test's own for the next start, such as a service registered in the host.</summary>
    public Action<WebApplicationBuilder>? ConfigureNextStart { get; set; }

    private void Configure(WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls(_settings["Urls"]!);
        builder.Configuration.AddInMemoryCollection(_settings);
        ConfigureNextStart?.Invoke(builder);
    }

    /// <summary>Stops the service as a crash would leave it: the database stays, nothing more is applied.</summary>
    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        Client.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Copies the monolith's data here, as the <c>backfill</c> command does.</summary>
    public Task<BackfillReport> BackfillAsync() => Service == ExtractedService.Catalog
        ? CatalogService.BackfillAsync(Services, CancellationToken.None)
        : OrderingService.BackfillAsync(Services, CancellationToken.None);

    /// <summary>Applies every event the monolith has that this side has not, as the <c>sync</c> command does.</summary>
    public Task<int> CatchUpAsync() => Service == ExtractedService.Catalog
        ? CatalogService.CatchUpAsync(Services, CancellationToken.None)
        : OrderingService.CatchUpAsync(Services, CancellationToken.None);

    /// <summary>Deletes every row of the service's database (migration history kept).</summary>
    public async Task ResetAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(_database.ConnectionString);
            await connection.OpenAsync();
            var respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = [Service.Module.ToLowerInvariant()],
                TablesToIgnore = [new Respawn.Graph.Table("__EFMigrationsHistory")],
            });
            await respawner.ResetAsync(connection);
        }
        else
        {
            await using var connection = new SqliteConnection(_database.ConnectionStringFor(Service.Module));
            await connection.OpenAsync();
            await (await SqliteRespawnAdapter.CreateRespawnerAsync(connection)).ResetAsync(connection);
        }
    }

    /// <summary>One number from the service's own database, for checks below the API.</summary>
    public Task<long> ScalarAsync(string sqlWithTable, string table) =>
        ModuleScalar.ReadAsync(_database, Service.Module, sqlWithTable, table);

    public async ValueTask DisposeAsync() => await StopAsync();
}
