using Testing.Infrastructure;

namespace Docs.Tests.Runnable;

/// <summary>
/// Runs one runnable block in bash from a stand-in for the repository root, stopping at the first
/// failing command: to its end, or, for a block that starts a server, kept running beside the page.
/// </summary>
internal static class ShellBlock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<(int? ExitCode, string Output)> RunAsync(string script, string workFolder, IReadOnlyDictionary<string, string> environment)
    {
        var file = await WriteAsync(script);
        try
        {
            await using var shell = ChildProcess.Start("bash", ["--noprofile", "--norc", file], workFolder, environment);
            var exit = await shell.WaitAsync(Timeout);
            return (exit, shell.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Starts the block and leaves it running until the returned block is disposed.</summary>
    public static async Task<BackgroundBlock> StartAsync(string script, string workFolder, IReadOnlyDictionary<string, string> environment)
    {
        var file = await WriteAsync(script);
        return new BackgroundBlock(ChildProcess.Start("bash", ["--noprofile", "--norc", file], workFolder, environment), file);
    }

    private static async Task<string> WriteAsync(string script)
    {
        var file = TestRun.TempFile("doc-block", ".sh");
        // stderr joins stdout so what a reader would see in a terminal is what is compared, in order.
        await File.WriteAllTextAsync(file, "exec 2>&1\nset -eo pipefail\n" + script + "\n");
        return file;
    }
}
