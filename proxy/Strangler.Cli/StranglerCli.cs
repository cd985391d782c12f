using System.CommandLine;
using Strangler.Cli.Commands;

namespace Strangler.Cli;

/// <summary>
/// <c>strangler</c>: operate a façade from a terminal or a pipeline. Exit codes: 0 done, 1 the façade
/// refused or could not be reached (the message says why), 2 the command line itself is wrong.
/// </summary>
public static class StranglerCli
{
    /// <summary>Every command and option of the CLI, as one tree; output goes to <paramref name="output"/>.</summary>
    public static RootCommand CreateRoot(TextWriter output)
    {
        var options = new CliOptions();
        var root = new RootCommand("Operate a Strangler façade: list capabilities, switch their mode, percentage and targets, read the audit history.")
        {
            options.Url,
            options.Key,
            options.Json,
            options.Timeout,
        };
        root.Add(ListCommand.Create(options, output));
        root.Add(ShowCommand.Create(options, output));
        root.Add(SetCommand.Create(options, output));
        root.Add(AuditCommand.Create(options, output));
        root.Add(ManifestCommand.Create(options, output));
        root.Add(MismatchCommands.List(options, output));
        root.Add(MismatchCommands.Show(options, output));
        root.Add(ResumeWritesCommand.Create(options, output));
        root.Add(CompareCommand.Create(output));
        root.Add(ReconcileCommand.Create(options, output));
        root.Add(DoctorCommand.Create(options, output));
        root.Add(InitCommand.Create(options, output));
        root.Add(TokenCommand.Create(output));
        root.Add(ScanCommand.Create(output));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = CreateRoot(output).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            await error.WriteLineAsync("Run 'strangler --help' for the commands and their options.");
            return 2;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return exception.ExitCode;
        }
    }
}
