using System.Diagnostics;
using System.Globalization;

namespace Testing.Infrastructure;

/// <summary>
/// Everything a test process leaves on the machine lives under one folder of its own
/// (<c>strangler-tests-&lt;pid&gt;</c> in the temp folder), and every server or child process it starts
/// is written down there. The folder and those processes go when the test process ends, however it
/// ends: in-process at a normal exit, and otherwise by a watcher started beside it, which outlives a
/// test host that is killed or interrupted with Ctrl+C (it ignores SIGINT and SIGHUP). A run that
/// finds the folder of a dead test process (the watcher was killed too) removes it.
/// </summary>
public static class TestRun
{
    private const string Prefix = "strangler-tests-";
    private const string ProcessList = ".processes";
    private static readonly Lazy<string> Root = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();
    private static readonly List<(string Signal, int Pid)> Tracked = [];

    /// <summary>A new, empty folder under this run's folder, named after its use.</summary>
    public static string TempFolder(string use) =>
        Directory.CreateDirectory(Path.Combine(Root.Value, $"{use}-{Guid.NewGuid():N}"[..(use.Length + 9)])).FullName;

    /// <summary>A path for a new file under this run's folder (the file is not created).</summary>
    public static string TempFile(string use, string extension) => Path.Combine(Root.Value, $"{use}-{Guid.NewGuid():N}{extension}");

    /// <summary>
    /// Stops <paramref name="pid"/> when this test process ends, unless it has ended before: with KILL
    /// (the default) together with everything it started, with another signal on its own (QUIT for
    /// PostgreSQL's postmaster, which then stops its backends itself).
    /// </summary>
    public static void Track(int pid, string signal = "KILL")
    {
        lock (Gate)
        {
            Tracked.Add((signal, pid));
            File.AppendAllText(Path.Combine(Root.Value, ProcessList), $"{signal} {pid.ToString(CultureInfo.InvariantCulture)} {StartTicks(pid)}\n");
        }
    }

    private static string Create()
    {
        RemoveOrphans();
        var root = Path.Combine(Path.GetTempPath(), Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true); // a folder of an earlier process that had this pid
        }

        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, ProcessList), "");
        StartWatcher(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanUp(root);
        return root;
    }

    private static void CleanUp(string root)
    {
        lock (Gate)
        {
            foreach (var (signal, pid) in Tracked)
            {
                Stop(pid, signal);
            }
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A server still letting go of its files: the watcher removes the folder once this process is gone.
        }
    }

    private static void Stop(int pid, string signal)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (signal == "KILL")
            {
                process.Kill(entireProcessTree: true);
            }
            else if (!OperatingSystem.IsWindows())
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardError = true });
                kill?.WaitForExit();
            }

            process.WaitForExit(10_000);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// The watcher: a shell in the background that waits for this process to end, then stops what
    /// <see cref="Track"/> wrote down (descendants first found, then the process itself) and removes
    /// the folder. On Windows there is no such shell; the in-process clean-up has to do.
    /// </summary>
    private static void StartWatcher(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var script = $$"""
            exec </dev/null >/dev/null 2>&1
            trap '' INT HUP
            parent={{Environment.ProcessId}}
            root='{{root}}'
            while kill -0 "$parent"; do sleep 1; done
            tree() { for child in $(ps -o pid= --ppid "$1"); do tree "$child"; done; echo "$1"; }
            started() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || return; set -- ${stat##*) }; echo "${20}"; }
            while read -r signal pid ticks; do
              [ -n "$pid" ] || continue
              # A pid that ended and was given to another process since is not ours to stop.
              [ "$ticks" = - ] || [ "$(started "$pid")" = "$ticks" ] || continue
              if [ "$signal" = KILL ]; then kill -KILL $(tree "$pid"); else kill -"$signal" "$pid"; fi
              for i in $(seq 100); do kill -0 "$pid" || break; sleep 0.1; done
            done < "$root/{{ProcessList}}"
            rm -rf "$root"
            """;
        var start = new ProcessStartInfo("bash", ["-c", script]) { UseShellExecute = false };
        using var watcher = Process.Start(start);
    }

    /// <summary>When the process started, in clock ticks since boot (Linux), so a reused pid is never taken for it.</summary>
    private static string StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(") ", StringComparison.Ordinal) + 2)..].Split(' ')[19];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return "-";
        }
    }

    /// <summary>Folders of test processes that no longer run, whose watcher did not get to remove them.</summary>
    private static void RemoveOrphans()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(folder)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Someone else's, or in use after all: not this run's to force.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
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
}
