using System.Diagnostics;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Bench.Tests;

/// <summary>
/// The bench's bare rows (YARP alone, and YARP's forwarder alone) are real proxies: started as the harness
/// starts them, each forwards <c>/fixed</c> to the fixed backend and everything else to the monolith, and
/// refuses a wrong command line.
/// </summary>
public sealed class BareProxyTests
{
    [Theory]
    [InlineData("bare-yarp")]
    [InlineData("bare-forwarder")]
    public async Task Each_forwards_the_fixed_endpoint_and_the_rest_to_their_backends(string proxy)
    {
        await using var fixedBackend = await StandInService.StartAsync("fixed");
        await using var monolith = await StandInService.StartAsync("monolith");
        var port = LoopbackPort.Free();
        using var bare = Process.Start(new ProcessStartInfo("dotnet",
            [BenchAssembly, proxy, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--fixed", fixedBackend.BaseAddress.ToString(), "--monolith", monolith.BaseAddress.ToString()])
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
            }, TimeSpan.FromMilliseconds(200)), proxy + " did not answer");
            Assert.Contains("\"servedBy\":\"fixed\"", body, StringComparison.Ordinal);
            Assert.Contains("\"path\":\"/fixed\"", body, StringComparison.Ordinal);

            var rest = await http.GetStringAsync($"http://127.0.0.1:{port}/api/catalog/products?pageSize=10");
            Assert.Contains("\"servedBy\":\"monolith\"", rest, StringComparison.Ordinal);
            Assert.Contains("\"path\":\"/api/catalog/products\"", rest, StringComparison.Ordinal);
        }
        finally
        {
            bare.Kill(entireProcessTree: true);
            await bare.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("bare-yarp")]
    [InlineData("bare-forwarder")]
    public async Task A_wrong_command_line_exits_2_with_the_usage(string proxy)
    {
        using var bare = Process.Start(new ProcessStartInfo("dotnet", [BenchAssembly, proxy, "--port", "0"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await bare.StandardError.ReadToEndAsync();
        await bare.WaitForExitAsync();

        Assert.Equal(2, bare.ExitCode);
        Assert.Contains($"usage: {proxy} --port <1-65535> --fixed <url> --monolith <url>", error, StringComparison.Ordinal);
    }

    private static string BenchAssembly => typeof(Strangler.Bench.Macro.BareYarp).Assembly.Location;
}
