using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using Strangler.Contracts;
using Strangler.Facade;
using Strangler.Facade.Flags;
using Strangler.Facade.Persistence;
using Testing.Infrastructure.Databases;

namespace Testing.Infrastructure.Servers;

/// <summary>
/// The real façade on a real Kestrel server at 127.0.0.1 on a free port, configured only by the test's
/// <see cref="FacadeSettings"/> (its content root is an empty folder, so no appsettings.json joins in).
/// </summary>
public sealed class FacadeServer : IAsyncDisposable
{
    public const string AdminKey = "test-facade-key-0123456789-abcdefghij";
    public const string AdminKeyName = "test-operator";

    private readonly WebApplication _app;

    private FacadeServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
        Admin = new HttpClient { BaseAddress = baseAddress };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public Uri BaseAddress { get; }

    /// <summary>A client as an application would be: no admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>What the façade prints after start.</summary>
    public string Banner => FacadeApplication.DescribeRunning(_app);

    /// <param name="settings">The configuration, as keys.</param>
    /// <param name="environment">The ASP.NET environment; Production unless a test is about Development.</param>
    /// <param name="jsonFile">A JSON configuration file read before the settings and watched for changes, as appsettings.json is.</param>
    /// <param name="contentRoot">The folder whose appsettings.json the façade reads; an empty one by default.</param>
    /// <param name="services">Services of the test's own, registered after the façade's (to watch what it resolves).</param>
    public static async Task<FacadeServer> StartAsync(
        FacadeSettings settings, string environment = "Production", string? jsonFile = null, string? contentRoot = null, Action<IServiceCollection>? services = null)
    {
        contentRoot ??= TestRun.TempFolder("facade");
        var app = FacadeApplication.Build([$"--contentRoot={contentRoot}", $"--environment={environment}", "--urls=http://127.0.0.1:0"], builder =>
        {
            if (jsonFile is not null)
            {
                builder.Configuration.AddJsonFile(jsonFile, optional: false, reloadOnChange: true);
            }

            builder.Configuration.AddInMemoryCollection(settings.Values);
        }, services is null ? null : builder => services(builder.Services));
        await FacadeApplication.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FacadeServer(app, new Uri(address));
    }

    /// <summary>Changes a capability through the admin API, as an operator would, and returns its new state.</summary>
    public async Task<CapabilityView> SetAsync(string capability, CapabilityChange change)
    {
        var response = await Admin.PatchAsJsonAsync(AdminRoutes.Capability(capability), change with { Reason = change.Reason ?? "test" }, AdminJson.Options);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Setting {capability} failed with {(int)response.StatusCode}: {body}");
        }

        return System.Text.Json.JsonSerializer.Deserialize<CapabilityView>(body, AdminJson.Options)!;
    }

    /// <summary>Empties the flag store with Respawn (migration history kept) and routes by the manifest's initial states again.</summary>
    public async Task ResetAsync()
    {
        var options = _app.Services.GetRequiredService<FlagStoreOptions>();
        if (options.Provider == FlagStoreProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(options.ConnectionString);
            await connection.OpenAsync();
            var respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = [FacadeDbContext.Schema],
                TablesToIgnore = [new Respawn.Graph.Table("__EFMigrationsHistory")],
            });
            await respawner.ResetAsync(connection);
        }
        else
        {
            await using var connection = new SqliteConnection(options.ConnectionString);
            await connection.OpenAsync();
            await (await SqliteRespawnAdapter.CreateRespawnerAsync(connection)).ResetAsync(connection);
        }

        await _app.Services.GetRequiredService<CapabilityStates>().RefreshAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
