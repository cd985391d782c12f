using System.CommandLine;
using System.Globalization;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

internal static class AuditCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var list = new ListOptions("changes");

        var command = new Command("audit", "Show the audit history: who changed what, when, from what, to what, and why.") { list.Capability, list.Limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = list.Query(parse);
            using var client = options.CreateClient(parse);
            var entries = await client.GetAsync<List<AuditEntry>>(AdminRoutes.Audit + query, cancellationToken);
            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, entries);
                return 0;
            }

            TableWriter.Write(output,
                ["WHEN (UTC)", "WHO", "CAPABILITY", "FROM", "TO", "REASON"],
                entries.Select(e => (IReadOnlyList<string>)
                [
                    e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.Who, e.Capability,
                    e.Before is null ? "(initial)" : Formatting.State(e.Before), Formatting.State(e.After), e.Reason,
                ]).ToList());
            return 0;
        });
        return command;
    }
}
