using System.Globalization;
using Testing.Infrastructure.Databases;

namespace Testing.Infrastructure.Servers;

/// <summary>
/// Builds the façade's configuration for a test, key by key as it would stand in appsettings.json:
/// clusters, capabilities, the flag store and the admin key.
/// </summary>
public sealed class FacadeSettings
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Strangler:Admin:Keys:" + FacadeServer.AdminKeyName] = FacadeServer.AdminKey,
        ["Strangler:Proxy:PassiveHealthWindow"] = "00:00:01",
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Serilog:MinimumLevel:Override:Yarp.ReverseProxy.Health"] = "Error",
        ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Error",
        // A test process runs load, servers and façades together: its CPU says nothing about one façade's.
        // Shedding is off unless a test is about it (ShadowSheddingTests), so copies are counted exactly.
        ["Strangler:Shadow:ShedAboveCpu"] = "1",
        ["Strangler:Shadow:ShedAboveLatencyRatio"] = "100",
        ["Strangler:Shadow:ShedWhenQueueOverflows"] = "false",
    };

    public IReadOnlyDictionary<string, string?> Values => _values;

    /// <summary>Drops a key, for a test that sets it elsewhere (in a watched JSON file).</summary>
    public FacadeSettings Without(string key)
    {
        _values.Remove(key);
        return this;
    }

    public FacadeSettings DefaultCluster(string name) => Set("Strangler:DefaultCluster", name);

    /// <summary>A cluster with fast health checks, so tests see a stopped service within about a second.</summary>
    public FacadeSettings Cluster(string name, Uri address, string? healthPath = "/health/ready", TimeSpan? requestTimeout = null)
    {
        Set($"Strangler:Clusters:{name}:Destinations:0", address.ToString());
        if (healthPath is not null)
        {
            Set($"Strangler:Clusters:{name}:HealthPath", healthPath);
            Set($"Strangler:Clusters:{name}:HealthInterval", "00:00:00.250");
            // A probe may take long on a loaded machine; a stopped service is still seen at once (refused).
            Set($"Strangler:Clusters:{name}:HealthTimeout", "00:00:05");
            Set($"Strangler:Clusters:{name}:ReactivationPeriod", "00:00:01");
        }

        if (requestTimeout is { } timeout)
        {
            Set($"Strangler:Clusters:{name}:RequestTimeout", timeout.ToString("c", CultureInfo.InvariantCulture));
        }

        return this;
    }

    /// <summary>A capability; each route is a path and its methods ("" for all).</summary>
    public FacadeSettings Capability(string name, string legacy, string service, params (string Path, string Methods)[] routes)
    {
        Set($"Strangler:Capabilities:{name}:Legacy", legacy);
        Set($"Strangler:Capabilities:{name}:Service", service);
        for (var i = 0; i < routes.Length; i++)
        {
            Set($"Strangler:Capabilities:{name}:Routes:{i}:Path", routes[i].Path);
            var methods = routes[i].Methods.Split(',', StringSplitOptions.RemoveEmptyEntries);
            for (var m = 0; m < methods.Length; m++)
            {
                Set($"Strangler:Capabilities:{name}:Routes:{i}:Methods:{m}", methods[m]);
            }
        }

        return this;
    }

    /// <summary>Accepts the tests' bearer tokens (<see cref="Identity.TestTokens"/>).</summary>
    public FacadeSettings AcceptTestTokens()
    {
        foreach (var (key, value) in Identity.TestTokens.Settings("Strangler:Authentication"))
        {
            Set(key, value);
        }

        return this;
    }

    /// <summary>A capability's Auth (None, Optional or Required).</summary>
    public FacadeSettings Auth(string capability, string mode) => Set($"Strangler:Capabilities:{capability}:Auth", mode);

    /// <summary>Signs the routing decisions the façade stamps on what it forwards, so a service's calls keep them.</summary>
    public FacadeSettings CallChain(string secret = CallChainSecret) => Set("Strangler:CallChain:Secret", secret);

    public const string CallChainSecret = "a-long-test-call-chain-secret-0123456789";

    public FacadeSettings SqliteStore(string file) =>
        Set("Strangler:FlagStore:Provider", "Sqlite").Set("Strangler:FlagStore:ConnectionString", $"Data Source={file}");

    public FacadeSettings PostgresStore(string connectionString) =>
        Set("Strangler:FlagStore:Provider", "PostgreSql").Set("Strangler:FlagStore:ConnectionString", connectionString);

    /// <summary>A SQLite flag store in a new temporary folder.</summary>
    public FacadeSettings NewSqliteStore() =>
        SqliteStore(Path.Combine(TestRun.TempFolder("flags"), "flags.db"));

    /// <summary>A flag store in a new database on the suite's PostgreSQL server.</summary>
    public async Task<FacadeSettings> NewPostgresStoreAsync() =>
        PostgresStore(await PostgresServer.Shared.CreateDatabaseAsync("flags"));

    public FacadeSettings Set(string key, string? value)
    {
        _values[key] = value;
        return this;
    }

    public FacadeSettings Copy()
    {
        var copy = new FacadeSettings();
        foreach (var (key, value) in _values)
        {
            copy._values[key] = value;
        }

        return copy;
    }
}
