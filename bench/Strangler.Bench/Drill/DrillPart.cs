using System.Diagnostics;
using Testing.Infrastructure;

namespace Strangler.Bench.Drill;

/// <summary>
/// One part of the system as its own OS process (<c>dotnet X.dll</c>), on a fixed loopback port kept
/// across restarts, so the others find it again. <see cref="Kill"/> is SIGKILL: no shutdown, no
/// finally blocks, no flushing; what a power cut or the OOM killer does. Its output, across every
/// restart, goes to one log file.
/// </summary>
internal sealed class DrillPart(string name, string dll, IReadOnlyList<string> arguments, int port, string logFile) : IDisposable
{
    private readonly Lock _gate = new();
    private Process? _process;

    public string Name => name;

    public Uri Address { get; } = new($"http://127.0.0.1:{port}");

    public string LogFile => logFile;

    public int Starts { get; private set; }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--urls={Address}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        TestRun.Track(process.Id);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
    }

    /// <summary>SIGKILL, then waits until the process is gone (its port free again).</summary>
    public void Kill()
    {
        var process = _process ?? throw new InvalidOperationException($"{name} is not running.");
        process.Kill();
        process.WaitForExit();
        process.Dispose();
        _process = null;
        Append($"---- drill: {name} killed (SIGKILL) at {DateTime.UtcNow:O} ----");
    }

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>Waits until <c>/health/ready</c> answers 200, or fails naming the part and its last answer.</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + deadline;
        var last = "no answer yet";
        while (DateTime.UtcNow < until)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{name} exited while starting. The end of its log:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{name} was not ready within {deadline.TotalSeconds:0} s (last: {last}). The end of its log:{Environment.NewLine}{Tail()}");
    }

    /// <summary>How many lines of its log, across every run, contain <paramref name="text"/>.</summary>
    public int CountInLog(string text)
    {
        lock (_gate)
        {
            return File.Exists(logFile) ? File.ReadLines(logFile).Count(line => line.Contains(text, StringComparison.Ordinal)) : 0;
        }
    }

    // The run's folder goes when the harness ends, so a failure carries what the part said.
    private string Tail()
    {
        lock (_gate)
        {
            return File.Exists(logFile) ? string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(30)) : "(no log)";
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            File.AppendAllText(logFile, line + Environment.NewLine);
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }
}
