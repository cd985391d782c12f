using System.CommandLine;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler resume-writes</c>: after a dry run was not honoured, the façade stops copying the
/// capability's writes; an operator who has checked (and fixed) the other side lets them go again.
/// </summary>
internal static class ResumeWritesCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var name = new Argument<string>("capability") { Description = "The capability's name, as in the manifest." };
        var command = new Command("resume-writes", "Copy a capability's writes as dry runs again, after they were stopped because a dry run was not honoured (this replica).") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = options.CreateClient(parse);
            var capability = parse.GetValue(name)!;
            var before = await client.GetAsync<ComparisonStats>(AdminRoutes.Comparison(capability), cancellationToken);
            var after = await client.PostAsync<ComparisonStats>(AdminRoutes.ResumeWrites(capability), cancellationToken);
            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, after);
                return 0;
            }

            output.WriteLine(before.WriteCopiesStopped
                ? $"Write copies of {capability} resumed ({after.DryRunsNotHonoured} dry runs not honoured so far on this replica)."
                : $"Write copies of {capability} were not stopped; nothing changed.");
            return 0;
        });
        return command;
    }
}
