using System.CommandLine;
using System.Globalization;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

internal static class AuditCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var capability = new Option<string?>("--capability", "-c") { Description = "Only this capability's changes." };
        var limit = new Option<int>("--limit", "-n") { Description = "How many entries, newest first (1 to 1000).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError($"--limit must be from 1 to 1000; got {result.GetValueOrDefault<int>()}.");
            }
        });

        var command = new Command("audit", "Show the audit history: who changed what, when, from what, to what, and why.") { capability, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = $"?limit={parse.GetValue(limit)}" +
                (parse.GetValue(capability) is { } name ? $"&capability={Uri.EscapeDataString(name)}" : "");
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
