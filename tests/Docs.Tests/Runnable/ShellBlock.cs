using Testing.Infrastructure;

namespace Docs.Tests.Runnable;

/// <summary>Runs one runnable block in bash from a stand-in for the repository root, stopping at the first failing command.</summary>
internal static class ShellBlock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<(int? ExitCode, string Output)> RunAsync(string script, string workFolder, IReadOnlyDictionary<string, string> environment)
    {
        var file = TestRun.TempFile("doc-block", ".sh");
        // stderr joins stdout so what a reader would see in a terminal is what is compared, in order.
        await File.WriteAllTextAsync(file, "exec 2>&1\nset -eo pipefail\n" + script + "\n");
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
}
