using System.Diagnostics;
using Npgsql;
using Testing.Infrastructure.Databases;

namespace Testing.Infrastructure.Network;

/// <summary>
/// A PostgreSQL server of its own on a lab host, listening on that host's address only, as a flag
/// store on another machine would. It can be stopped (killed, as a crash or a failover leaves it) and
/// started again on the same data.
/// </summary>
public sealed class LabPostgres
{
    private const int Port = 5432;
    private readonly NetworkLab _lab;
    private readonly string _root;
    private readonly string _bin;
    private readonly string _user;
    private Process? _server;

    private LabPostgres(NetworkLab lab, NetworkHost host, string root, string bin, string user)
    {
        (_lab, Host, _root, _bin, _user) = (lab, host, root, bin, user);
    }

    public NetworkHost Host { get; }

    public string ConnectionString(string database) =>
        $"Host={Host.Address};Port={Port};Username=postgres;Database={database};Timeout=5";

    public static async Task<LabPostgres> StartAsync(NetworkLab lab, NetworkHost host)
    {
        var bin = PostgresServer.FindBinaries() ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin.");
        var user = PostgresServer.UnprivilegedUser();
        var root = TestRun.TempFolder("lab-pg");
        NetworkLab.Exec("chown", user, root);
        NetworkLab.Exec("runuser", "-u", user, "--", Path.Combine(bin, "initdb"), "-D", Path.Combine(root, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C");
        // initdb trusts loopback only; the lab's hosts connect over the bridge.
        File.AppendAllText(Path.Combine(root, "data", "pg_hba.conf"), $"host all all {lab.Gateway}/24 trust\n");
        var server = new LabPostgres(lab, host, root, bin, user);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server on its data (again, after <see cref="KillAsync"/>), and waits until it takes connections.</summary>
    public async Task StartAgainAsync()
    {
        _server = _lab.Start(Host, "runuser",
            ["-u", _user, "--", Path.Combine(_bin, "postgres"), "-D", Path.Combine(_root, "data"), "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-k", _root, "-c", $"listen_addresses={Host.Address}", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            Path.Combine(_root, "server.log"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException exception)
            {
                if (DateTime.UtcNow > deadline || _server.HasExited)
                {
                    var log = Path.Combine(_root, "server.log");
                    throw new InvalidOperationException(
                        $"PostgreSQL on {Host.Name} did not take connections: {exception.Message}\n{(File.Exists(log) ? string.Join('\n', File.ReadLines(log).Where(line => !line.Contains("unexpected postmaster exit", StringComparison.Ordinal)).TakeLast(12)) : "")}", exception);
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>Kills the server at once, no shutdown, as a crash would; returns once its backends have gone too.</summary>
    public async Task KillAsync()
    {
        // The postmaster is a child of runuser (itself what 'ip netns exec' became): its pid is in its own pid file.
        var pidFile = Path.Combine(_root, "data", "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill();
                await postmaster.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        if (_server is { HasExited: false } server)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        // Backends end by themselves once they notice the postmaster is gone; a new server on the same data waits for them.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (NetworkLab.AnyRunningIn(Host) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        NpgsqlConnection.ClearAllPools();
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }
}
