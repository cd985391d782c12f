using System.Diagnostics;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Packaging;

/// <summary>
/// The façade and the CLI install as .NET tools from the packages <c>dotnet pack</c> builds, and the
/// installed façade runs on a configuration folder of its own (its content root): docs/09's way of
/// putting it in front of another system without a checkout of the kit.
/// </summary>
public sealed class ToolPackagingTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task The_packed_facade_and_cli_install_as_tools_and_the_facade_runs_on_a_config_folder()
    {
        var packages = TestRun.TempFolder("packages");
        var tools = TestRun.TempFolder("tools");
        // Its own package cache: the machine's would keep (and hand back) a Strangler.Facade 0.1.0 of an earlier build.
        var cache = TestRun.TempFolder("nuget");
        foreach (var project in new[] { "proxy/Strangler.Facade", "proxy/Strangler.Cli" })
        {
            // The test run has built both already; packing that build (in this run's configuration: pack
            // alone would look for Release) keeps this from building again.
            await RunAsync("dotnet", ["pack", Path.Combine(RepositoryRoot.Path, project), "--no-build", "-c", Configuration, "-o", packages]);
        }

        await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packages, "Strangler.Facade", "--version", "0.1.0"], cache);
        await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packages, "Strangler.Cli", "--version", "0.1.0"], cache);

        var config = TestRun.TempFolder("config");
        File.Copy(Path.Combine(RepositoryRoot.Path, "docs", "examples", "bring-your-own-appsettings.json"), Path.Combine(config, "appsettings.json"));
        var port = LoopbackPort.Free();
        using var facade = Process.Start(new ProcessStartInfo(Path.Combine(tools, "strangler-facade"))
        {
            // Relative, as a user types it: the folder next to where they stand, not one inside the tool.
            ArgumentList = { "--contentRoot", Path.GetFileName(config), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(config),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        TestRun.Track(facade.Id);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var live = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            {
                try
                {
                    return (await http.GetAsync("/strangler/health/live")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromMilliseconds(200));
            Assert.True(live, "The installed façade did not answer.");
            Assert.True(File.Exists(Path.Combine(config, "data", "flags.db")), "The flag store is not in the configuration folder.");

            var list = await RunAsync(Path.Combine(tools, "strangler"),
                ["list", "--url", http.BaseAddress!.ToString(), "--key", "change-me-to-a-random-key-of-32-characters-or-more"]);
            Assert.Contains("reports", list, StringComparison.Ordinal);
        }
        finally
        {
            facade.Kill(entireProcessTree: true);
            await facade.WaitForExitAsync();
        }
    }

    private static async Task<string> RunAsync(string file, IEnumerable<string> arguments, string? packageCache = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (packageCache is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packageCache;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {text}");
        return text;
    }
}
