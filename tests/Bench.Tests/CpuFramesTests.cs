using System.Diagnostics;
using Strangler.Bench.Profile;
using Testing.Infrastructure;

namespace Bench.Tests;

/// <summary>
/// The profile reader behind <c>frames</c>: only the time a sampled thread had managed code on the CPU
/// counts, split by the running frame, by every frame on the stack once, and by the innermost kit frame.
/// </summary>
public sealed class CpuFramesTests
{
    // Two threads. Thread 1: 0-10 ms on the CPU in Kestrel under the kit's metrics middleware, 10-40 ms
    // waiting (native code), 40-50 ms on the CPU in Kestrel directly. Thread 2: 0-20 ms on the CPU in a
    // recursive kit frame that calls YARP, which is in a system call the sampler cannot name.
    private const string Profile = """
        {
          "shared": { "frames": [
            { "name": "Thread (1)" },
            { "name": "Strangler.Facade!Metrics.Invoke(int32)" },
            { "name": "Kestrel!Http.Parse()" },
            { "name": "CPU_TIME" },
            { "name": "UNMANAGED_CODE_TIME" },
            { "name": "Strangler.Facade!Steps.Next()" },
            { "name": "Yarp!Forwarder.Send()" },
            { "name": "?!?" }
          ] },
          "profiles": [
            { "type": "evented", "name": "Thread (1)", "unit": "milliseconds", "startValue": 0, "endValue": 50, "events": [
              { "type": "O", "frame": 0, "at": 0 }, { "type": "O", "frame": 1, "at": 0 }, { "type": "O", "frame": 2, "at": 0 }, { "type": "O", "frame": 3, "at": 0 },
              { "type": "C", "frame": 3, "at": 10 }, { "type": "C", "frame": 2, "at": 10 }, { "type": "O", "frame": 4, "at": 10 },
              { "type": "C", "frame": 4, "at": 40 }, { "type": "C", "frame": 1, "at": 40 }, { "type": "O", "frame": 2, "at": 40 }, { "type": "O", "frame": 3, "at": 40 },
              { "type": "C", "frame": 3, "at": 50 }, { "type": "C", "frame": 2, "at": 50 }, { "type": "C", "frame": 0, "at": 50 }
            ] },
            { "type": "evented", "name": "Thread (2)", "unit": "milliseconds", "startValue": 0, "endValue": 20, "events": [
              { "type": "O", "frame": 5, "at": 0 }, { "type": "O", "frame": 5, "at": 0 }, { "type": "O", "frame": 6, "at": 0 }, { "type": "O", "frame": 7, "at": 0 }, { "type": "O", "frame": 3, "at": 0 },
              { "type": "C", "frame": 3, "at": 20 }, { "type": "C", "frame": 7, "at": 20 }, { "type": "C", "frame": 6, "at": 20 }, { "type": "C", "frame": 5, "at": 20 }, { "type": "C", "frame": 5, "at": 20 }
            ] }
          ]
        }
        """;

    [Fact]
    public void Only_time_on_the_cpu_counts_and_each_frame_once_per_stack()
    {
        var frames = CpuFrames.Read(Write(Profile));

        Assert.Equal(40, frames.CpuMilliseconds, 6);
        Assert.Equal(70, frames.SampledMilliseconds, 6);
        Assert.Equal([(CpuFrames.NativeCode, 0.5), ("Kestrel!Http.Parse()", 0.5)], frames.Self.OrderBy(f => f.Frame, StringComparer.Ordinal));
        var inclusive = frames.Inclusive.ToDictionary(f => f.Frame, f => f.Share);
        Assert.Equal(0.5, inclusive["Strangler.Facade!Steps.Next()"], 6); // recursion counted once
        Assert.Equal(0.25, inclusive["Strangler.Facade!Metrics.Invoke(int32)"], 6);
        Assert.Equal(0.5, inclusive["Yarp!Forwarder.Send()"], 6);
        Assert.DoesNotContain("Thread (1)", inclusive.Keys); // the sampler's heading, not code
        var kit = frames.InnermostKitFrame.ToDictionary(f => f.Frame, f => f.Share);
        Assert.Equal(0.5, kit["Strangler.Facade!Steps.Next()"], 6);
        Assert.Equal(0.25, kit["Strangler.Facade!Metrics.Invoke(int32)"], 6);
        Assert.Equal(0.25, kit["(no kit frame)"], 6);
        Assert.Equal([(CpuFrames.NativeCode, 0.5), ("Kestrel", 0.5)], frames.SelfByAssembly.OrderBy(f => f.Assembly, StringComparer.Ordinal));
        var report = FramesCommand.Report(frames, 5);
        Assert.Contains("Managed code on the CPU: 40 ms of 70 ms sampled across all threads (57.1 %).", report, StringComparison.Ordinal);
        Assert.Contains("| `Strangler.Facade!Steps.Next` | 50.0 % |", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "cannot read")]
    [InlineData("{\"profiles\": []}", "not a speedscope file")]
    [InlineData("{\"shared\": {\"frames\": []}, \"profiles\": [{\"type\": \"sampled\"}]}", "only evented profiles")]
    public async Task A_file_that_is_not_a_dotnet_trace_speedscope_profile_exits_2_naming_it(string content, string expected)
    {
        var path = Write(content);

        var (exit, error) = await RunFramesAsync(path);

        Assert.Equal(2, exit);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_command_line_exits_2_with_the_usage()
    {
        var (exit, error) = await RunFramesAsync(Write(Profile), "--top", "0");

        Assert.Equal(2, exit);
        Assert.Contains("usage: frames <file.speedscope.json> [--top <N ≥ 1>]", error, StringComparison.Ordinal);
    }

    private static string Write(string content)
    {
        var path = Path.Combine(TestRun.TempFolder("frames"), "profile.speedscope.json");
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Exit, string Error)> RunFramesAsync(params string[] args)
    {
        using var frames = Process.Start(new ProcessStartInfo("dotnet", [typeof(CpuFrames).Assembly.Location, "frames", .. args])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await frames.StandardError.ReadToEndAsync();
        await frames.StandardOutput.ReadToEndAsync();
        await frames.WaitForExitAsync();
        return (frames.ExitCode, error);
    }

    [Fact]
    public async Task The_allocation_probe_refuses_an_unknown_target_with_its_usage()
    {
        using var probe = Process.Start(new ProcessStartInfo("dotnet", [typeof(CpuFrames).Assembly.Location, "allocations", "Nginx"])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await probe.StandardError.ReadToEndAsync();
        await probe.StandardOutput.ReadToEndAsync();
        await probe.WaitForExitAsync();

        Assert.Equal(2, probe.ExitCode);
        Assert.Contains("usage: allocations [Legacy|Canary|Service|Shadow|bare-yarp|bare-forwarder]", error, StringComparison.Ordinal);
    }
}
