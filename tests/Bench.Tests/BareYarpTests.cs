using System.Diagnostics;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Bench.Tests;

/// <summary>The bench's bare YARP row is a real proxy: started as the harness starts it, it forwards to the backend it is given, and it refuses a wrong command line.</summary>
public sealed class BareYarpTests
{
    [Fact]
    public async Task Bare_yarp_forwards_the_fixed_endpoint_to_its_backend()
    {
        await using var backend = await StandInService.StartAsync("fixed");
        var port = LoopbackPort.Free();
        using var bare = Process.Start(new ProcessStartInfo("dotnet",
            [BenchAssembly, "bare-yarp", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--fixed", backend.BaseAddress.ToString(), "--monolith", backend.BaseAddress.ToString()])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        TestRun.Track(bare.Id);
        try
        {
            using var http = new HttpClient();
            string? body = null;
            Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            {
                try
                {
                    body = await http.GetStringAsync($"http://127.0.0.1:{port}/fixed");
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromMilliseconds(200)), "bare YARP did not answer");
            Assert.Contains("\"servedBy\":\"fixed\"", body, StringComparison.Ordinal);
            Assert.Contains("\"path\":\"/fixed\"", body, StringComparison.Ordinal);
        }
        finally
        {
            bare.Kill(entireProcessTree: true);
            await bare.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_wrong_command_line_exits_2_with_the_usage()
    {
        using var bare = Process.Start(new ProcessStartInfo("dotnet", [BenchAssembly, "bare-yarp", "--port", "0"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await bare.StandardError.ReadToEndAsync();
        await bare.WaitForExitAsync();

        Assert.Equal(2, bare.ExitCode);
        Assert.Contains("usage: bare-yarp --port <1-65535> --fixed <url> --monolith <url>", error, StringComparison.Ordinal);
    }

    private static string BenchAssembly => typeof(Strangler.Bench.Macro.BareYarp).Assembly.Location;
}
