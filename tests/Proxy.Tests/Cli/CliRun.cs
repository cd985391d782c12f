using Strangler.Cli;

namespace Proxy.Tests.Cli;

/// <summary>Runs the strangler CLI in process, as a user would type it; its exit code and everything it printed, errors included.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StranglerCli.RunAsync(args, output, error);
        return (exit, output.ToString() + error);
    }
}
