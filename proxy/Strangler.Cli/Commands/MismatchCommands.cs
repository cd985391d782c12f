using System.CommandLine;
using System.Globalization;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

internal static class MismatchCommands
{
    /// <summary><c>strangler mismatches</c>: what shadowing found, newest first.</summary>
    public static Command List(CliOptions options, TextWriter output)
    {
        var list = new ListOptions("mismatches");

        var command = new Command("mismatches", "List stored shadow mismatches: where the two sides answered differently.")
        {
            list.Capability, list.Limit, MismatchExportCommand.Create(options, output),
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = list.Query(parse);
            using var client = options.CreateClient(parse);
            var mismatches = await client.GetAsync<List<MismatchSummary>>(AdminRoutes.Mismatches + query, cancellationToken);
            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, mismatches);
                return 0;
            }

            TableWriter.Write(output,
                ["ID", "WHEN (UTC)", "CAPABILITY", "DIRECTION", "REQUEST", "STATUS", "DIFFS", "FIRST DIFFERENCE"],
                mismatches.Select(m => (IReadOnlyList<string>)
                [
                    m.Id.ToString(CultureInfo.InvariantCulture), m.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    m.Capability, m.Direction, $"{m.Method} {m.Target}", $"{m.LegacyStatus}->{m.CandidateStatus}",
                    m.DifferenceCount.ToString(CultureInfo.InvariantCulture), m.FirstDifference,
                ]).ToList());
            return 0;
        });
        return command;
    }

    /// <summary><c>strangler mismatch ID</c>: every difference of one mismatch, and both answers on request.</summary>
    public static Command Show(CliOptions options, TextWriter output)
    {
        var id = new Argument<long>("id") { Description = "The mismatch's id, from 'strangler mismatches'." };
        var bodies = new Option<bool>("--bodies") { Description = "Also print both answers (as stored, cut to 16 KiB)." };
        var command = new Command("mismatch", "Show one mismatch: the request, every difference with both values, and optionally both answers.") { id, bodies };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = options.CreateClient(parse);
            var mismatch = await client.GetAsync<MismatchDetail>(AdminRoutes.Mismatch(parse.GetValue(id)), cancellationToken);
            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, mismatch);
                return 0;
            }

            output.WriteLine($"mismatch {mismatch.Id}: {mismatch.Capability} ({mismatch.Direction}) {mismatch.Method} {mismatch.Target} at {mismatch.At:u}");
            output.WriteLine($"  status legacy {mismatch.LegacyStatus}, candidate {mismatch.CandidateStatus}; correlation id {mismatch.CorrelationId ?? "-"}");
            TableWriter.Write(output, ["KIND", "WHERE", "LEGACY", "CANDIDATE"],
                mismatch.Differences.Select(d => (IReadOnlyList<string>)
                    [d.Kind.ToString(), d.Where.Length == 0 ? "(body)" : d.Where, d.Legacy ?? "(none)", d.Candidate ?? "(none)"]).ToList());
            if (parse.GetValue(bodies))
            {
                output.WriteLine("--- legacy");
                output.WriteLine(mismatch.LegacyBody);
                output.WriteLine("--- candidate");
                output.WriteLine(mismatch.CandidateBody);
            }

            return 0;
        });
        return command;
    }
}
