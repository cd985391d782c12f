using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Testing.Infrastructure;
using Testing.Infrastructure.Network;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.MultiHost;

/// <summary>
/// The façade past one machine, on one: PostgreSQL, the monolith and three façade replicas, each a
/// process on a host of its own (a network namespace with its own address), reached by the test from
/// the root namespace as a client would. The replicas start at the same moment on an empty flag store.
/// catalog-read's service cluster points at the monolith too: what is tested is the replicas and their
/// store, and X-Served-By names the cluster a replica chose.
/// </summary>
public sealed class MultiHostSystem : IAsyncLifetime
{
    public const string AdminKey = "multi-host-lab-admin-key-0123456789-abcdef";
    private const int Port = 8080;

    public NetworkLab Lab { get; private set; } = null!;

    public LabPostgres Postgres { get; private set; } = null!;

    public IReadOnlyList<LabReplica> Replicas { get; private set; } = [];

    /// <summary>Each replica's answer to its first readiness probe after the simultaneous start.</summary>
    public IReadOnlyList<string> StartedTogether { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (NetworkLab.Unavailable is not null)
        {
            return;
        }

        Lab = NetworkLab.Create();
        var pg = Lab.AddHost("pg");
        var monolithHost = Lab.AddHost("monolith");
        var replicaHosts = new[] { Lab.AddHost("r1"), Lab.AddHost("r2"), Lab.AddHost("r3") };
        Postgres = await LabPostgres.StartAsync(Lab, pg);
        var flags = await Postgres.CreateDatabaseAsync("flags");
        var work = TestRun.TempFolder("multi-host");

        var monolith = $"http://{monolithHost.Address}:{Port}";
        Lab.Start(monolithHost, "dotnet",
            [Built("legacy-monolith", "Shop.Host"), $"--contentRoot={Path.Combine(RepositoryRoot.Path, "legacy-monolith", "Shop.Host")}", $"--urls={monolith}",
             "--environment=Production", "--Serilog:MinimumLevel:Default=Warning", $"--Admin:ApiKey={AdminKey}",
             $"--Database:SqliteDirectory={TestRun.TempFolder("multi-host-monolith")}"],
            Path.Combine(work, "monolith.log"));
        using (var probe = Client(new Uri(monolith)))
        {
            Assert.True(await Eventually.TrueWithinAsync(TimeSpan.FromMinutes(2), async () => await AnswersAsync(probe, "/health/ready")),
                "The monolith did not become ready: " + Tail(Path.Combine(work, "monolith.log")));
        }

        // All three at once, on an empty database: each migrates it, under the lock, or finds it done.
        Replicas = [.. replicaHosts.Select(host => StartReplica(host, monolith, flags, work))];
        var started = new List<string>();
        foreach (var replica in Replicas)
        {
            var ready = await Eventually.TrueWithinAsync(TimeSpan.FromMinutes(2), async () => replica.Process.HasExited || await AnswersAsync(replica.Client, "/strangler/health/ready"));
            started.Add(ready && !replica.Process.HasExited ? "ready" : $"not ready (exited: {replica.Process.HasExited}): {Tail(replica.Log)}");
        }

        StartedTogether = started;
    }

    public Task DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            replica.Dispose();
        }

        Lab?.Dispose();
        return Task.CompletedTask;
    }

    public static HttpClient Client(Uri address, string? key = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(90) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static string Tail(string log) => File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(15)) : "(no log)";

    private LabReplica StartReplica(NetworkHost host, string monolith, string flags, string work)
    {
        var address = new Uri($"http://{host.Address}:{Port}");
        var log = Path.Combine(work, host.Name + ".log");
        string[] settings =
        [
            "--Strangler:DefaultCluster=monolith",
            $"--Strangler:Clusters:monolith:Destinations:0={monolith}", "--Strangler:Clusters:monolith:HealthPath=/health/ready",
            $"--Strangler:Clusters:catalog-service:Destinations:0={monolith}", "--Strangler:Clusters:catalog-service:HealthPath=/health/ready",
            "--Strangler:Clusters:catalog-service:HealthInterval=00:00:00.500",
            "--Strangler:Capabilities:catalog-read:Routes:0:Path=/api/catalog/categories", "--Strangler:Capabilities:catalog-read:Routes:0:Methods:0=GET",
            "--Strangler:Capabilities:catalog-read:Legacy=monolith", "--Strangler:Capabilities:catalog-read:Service=catalog-service",
            "--Strangler:FlagStore:Provider=PostgreSql", $"--Strangler:FlagStore:ConnectionString={flags}",
            $"--Strangler:Admin:Keys:lab={AdminKey}",
        ];
        var process = Lab.Start(host, "dotnet",
            [Built("proxy", "Strangler.Facade"), $"--contentRoot={TestRun.TempFolder("replica-root")}", $"--urls={address}", "--environment=Production",
             "--Serilog:MinimumLevel:Default=Warning", .. settings],
            log);
        return new LabReplica(host, process, Client(address), Client(address, AdminKey), log);
    }

    private static async Task<bool> AnswersAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    // The part as the solution's build left it, in this test run's configuration (Debug or Release).
    private static string Built(string folder, string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot.Path, folder, project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built; run dotnet build Strangler.sln first.");
    }
}

/// <summary>One façade replica of the lab: its host, its process, a client and an admin client.</summary>
public sealed record LabReplica(NetworkHost Host, Process Process, HttpClient Client, HttpClient Admin, string Log) : IDisposable
{
    public void Dispose()
    {
        Client.Dispose();
        Admin.Dispose();
    }
}
