using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Testing.Infrastructure.Network;

/// <summary>
/// Hosts on one machine, each its own network namespace with its own address on a bridge the lab
/// makes (iproute2: <c>ip netns</c>, veth pairs). The test process stays in the root namespace, at the
/// bridge's address, and reaches every host; a link between two hosts can be cut silently (each side
/// drops what it would send to the other) and mended. Needs root and <c>ip</c>; <see cref="Unavailable"/>
/// says why not, for a test to skip with. Everything is named after this test process, and namespaces
/// a dead test process left behind are removed at the next start.
/// </summary>
public sealed class NetworkLab : IDisposable
{
    private const string Prefix = "strl";
    private readonly string _id = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    private readonly List<NetworkHost> _hosts = [];
    private readonly List<Process> _processes = [];
    private readonly string _subnet;

    private NetworkLab()
    {
        _subnet = $"10.213.{Environment.ProcessId % 250}";
        Bridge = $"{Prefix}b{_id}";
        Ip("link", "add", Bridge, "type", "bridge");
        Ip("addr", "add", $"{_subnet}.1/24", "dev", Bridge);
        Ip("link", "set", Bridge, "up");
    }

    public string Bridge { get; }

    /// <summary>The test process's own address on the bridge, as the hosts see it.</summary>
    public IPAddress Gateway => IPAddress.Parse($"{_subnet}.1");

    /// <summary>Why a lab cannot be made here (not root, no iproute2, no namespaces), or null when it can.</summary>
    public static string? Unavailable { get; } = Probe();

    public static NetworkLab Create()
    {
        RemoveLeftovers();
        return new NetworkLab();
    }

    /// <summary>A new host: a namespace with loopback up and one address on the bridge.</summary>
    public NetworkHost AddHost(string name)
    {
        var index = _hosts.Count + 2;
        var host = new NetworkHost(name, $"{Prefix}{_id}-{name}", IPAddress.Parse($"{_subnet}.{index}"));
        var (outside, inside) = ($"{Prefix}v{_id}{index}", $"{Prefix}i{_id}{index}");
        Ip("netns", "add", host.Namespace);
        _hosts.Add(host);
        Ip("link", "add", outside, "type", "veth", "peer", "name", inside);
        Ip("link", "set", outside, "master", Bridge);
        Ip("link", "set", outside, "up");
        Ip("link", "set", inside, "netns", host.Namespace);
        Ip("-n", host.Namespace, "addr", "add", $"{host.Address}/24", "dev", inside);
        Ip("-n", host.Namespace, "link", "set", inside, "up");
        Ip("-n", host.Namespace, "link", "set", "lo", "up");
        return host;
    }

    /// <summary>Drops, silently, every packet either host sends the other: no refusal, no reset, as a partition looks.</summary>
    public void Cut(NetworkHost a, NetworkHost b)
    {
        Ip("-n", a.Namespace, "route", "add", "blackhole", $"{b.Address}/32");
        Ip("-n", b.Namespace, "route", "add", "blackhole", $"{a.Address}/32");
    }

    public void Mend(NetworkHost a, NetworkHost b)
    {
        Ip("-n", a.Namespace, "route", "del", "blackhole", $"{b.Address}/32");
        Ip("-n", b.Namespace, "route", "del", "blackhole", $"{a.Address}/32");
    }

    /// <summary>Starts <paramref name="file"/> inside <paramref name="host"/>, its output appended to <paramref name="log"/>; killed with the lab.</summary>
    public Process Start(NetworkHost host, string file, IEnumerable<string> arguments, string log, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in (string[])["netns", "exec", host.Namespace, file, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start in {host.Name}.");
        TestRun.Track(process.Id);
        var gate = new Lock();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    File.AppendAllText(log, line + "\n");
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>Whether any process still runs inside <paramref name="host"/>.</summary>
    public static bool AnyRunningIn(NetworkHost host) => Capture("ip", "netns", "pids", host.Namespace).Trim().Length > 0;

    public void Dispose()
    {
        lock (_processes)
        {
            foreach (var process in _processes.Where(process => !process.HasExited))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            foreach (var process in _processes)
            {
                process.Dispose();
            }
        }

        foreach (var host in _hosts)
        {
            KillAllIn(host.Namespace);
            TryIp("netns", "del", host.Namespace);
        }

        TryIp("link", "del", Bridge);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are Linux's";
        }

        if (Environment.UserName != "root")
        {
            return "making network namespaces needs root";
        }

        try
        {
            Exec("ip", ["netns", "list"]);
            return null;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "iproute2's 'ip' does not run here: " + exception.Message;
        }
    }

    // A namespace of a test process that died (its pid is gone) is deleted with what still runs in it.
    private static void RemoveLeftovers()
    {
        foreach (var line in Capture("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && name.IndexOf('-', StringComparison.Ordinal) is > 4 and var dash
                && int.TryParse(name[Prefix.Length..dash], CultureInfo.InvariantCulture, out var pid) && !IsAlive(pid))
            {
                KillAllIn(name);
                TryIp("netns", "del", name);
                TryIp("link", "del", $"{Prefix}b{pid}");
            }
        }
    }

    private static void KillAllIn(string ns)
    {
        foreach (var pid in Capture("ip", "netns", "pids", ns).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture));
                process.Kill(entireProcessTree: true);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
            {
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Ip(params string[] arguments) => Exec("ip", arguments);

    private static void TryIp(params string[] arguments)
    {
        try
        {
            Exec("ip", arguments);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string Capture(string file, params string[] arguments)
    {
        try
        {
            return Exec(file, arguments);
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    /// <summary>Runs a command to its end and returns what it printed; throws with its output when it fails.</summary>
    internal static string Exec(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result
            : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}{output.Result}");
    }
}

/// <summary>One host of a <see cref="NetworkLab"/>: its name, its namespace and its address.</summary>
public sealed record NetworkHost(string Name, string Namespace, IPAddress Address);
