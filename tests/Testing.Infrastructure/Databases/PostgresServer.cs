using System.Diagnostics;
using Npgsql;

namespace Testing.Infrastructure.Databases;

/// <summary>
/// One real PostgreSQL server for the whole test run. With <c>STRANGLER_TEST_POSTGRES</c> set (a
/// connection string to a server where the user may create databases), that server is used;
/// otherwise the machine's PostgreSQL binaries start a throwaway cluster on a free loopback port,
/// as an unprivileged user when the tests run as root (initdb refuses root), in the run's own folder
/// (<see cref="TestRun"/>), which stops it and removes its files however the test process ends.
/// </summary>
public sealed class PostgresServer
{
    public const string ConnectionStringVariable = "STRANGLER_TEST_POSTGRES";

    private static readonly Lazy<PostgresServer> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    public static PostgresServer Shared => SharedServer.Value;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var unique = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        var name = unique.Length > 63 ? unique[..63] : unique; // PostgreSQL identifiers stop at 63 bytes
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>
    /// Makes the database refuse connections and ends the ones it has, as a network cut or a stopped
    /// server looks to its clients; <paramref name="reachable"/> true lets them in again.
    /// </summary>
    public async Task SetReachableAsync(string connectionString, bool reachable)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using (var allow = new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {(reachable ? "true" : "false")}", connection))
        {
            await allow.ExecuteNonQueryAsync();
        }

        if (!reachable)
        {
            await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", connection);
            end.Parameters.AddWithValue(name);
            await end.ExecuteNonQueryAsync();
        }
    }

    private static PostgresServer Start()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured);
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"No PostgreSQL server binaries under /usr/lib/postgresql/*/bin. Install them (apt-get install postgresql) or set {ConnectionStringVariable}.");
        var runAs = Environment.UserName == "root" ? UnprivilegedUser() : null;
        var root = TestRun.TempFolder("pg");
        var data = Path.Combine(root, "data");
        if (runAs is not null)
        {
            Run("chown", [runAs, root]);
        }

        var port = Servers.LoopbackPort.Free();
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"], runAs);
        Run(Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start", "-o",
             $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"],
            runAs);
        // The postmaster's pid heads its pid file; QUIT is an immediate shutdown that takes its backends along.
        TestRun.Track(int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture), "QUIT");
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30");
    }

    internal static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    internal static string UnprivilegedUser() =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";

    private static void Run(string file, IReadOnlyList<string> arguments, string? runAs = null)
    {
        var start = runAs is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser", ["-u", runAs, "--", file]);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}{output.Result}");
        }
    }
}
