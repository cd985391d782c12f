using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Strangler.Contracts;
using Strangler.Contracts.Golden;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler mismatches export --format xunit DIR</c>: each selected mismatch as a golden case file,
/// for <c>Strangler.GoldenCases</c> to run against the service side as a regression test.
/// </summary>
internal static class MismatchExportCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var list = new ListOptions("mismatches");
        var format = new Option<string>("--format") { Description = "What to write: xunit (golden case files a Strangler.GoldenCases test runs).", Required = true };
        format.AcceptOnlyFromAmong("xunit");
        var ids = new Option<long[]>("--id") { Description = "Only these mismatches (repeat the option); otherwise the newest, by --capability and --limit." };
        var directory = new Argument<DirectoryInfo>("dir") { Description = "The folder the cases are written to (made if missing); a case already there is replaced." };

        var command = new Command("export", "Write mismatches as golden cases: the redacted request, the legacy answer as the expected one, the rules in force.")
        {
            format, list.Capability, list.Limit, ids, directory,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(directory)!;
            if (File.Exists(folder.FullName))
            {
                throw new CliException($"{folder.FullName} is a file; name a folder for the golden cases.", exitCode: 2);
            }

            using var client = options.CreateClient(parse);
            var chosen = parse.GetValue(ids) is { Length: > 0 } given
                ? given.ToList()
                : (await client.GetAsync<List<MismatchSummary>>(AdminRoutes.Mismatches + list.Query(parse), cancellationToken)).Select(m => m.Id).ToList();
            if (chosen.Count == 0)
            {
                output.WriteLine("No mismatches to export.");
                return 0;
            }

            var written = 0;
            foreach (var id in chosen)
            {
                GoldenCase golden;
                try
                {
                    golden = await client.GetAsync<GoldenCase>(AdminRoutes.MismatchGoldenCase(id), cancellationToken);
                }
                catch (CliException refusal)
                {
                    output.WriteLine($"Skipped mismatch {id}: {refusal.Message}");
                    continue;
                }

                var path = Path.Combine(Directory.CreateDirectory(folder.FullName).FullName, GoldenCaseFile.FileName(golden));
                await WholeFile.WriteAsync(path, JsonSerializer.Serialize(golden, GoldenCaseFile.Options) + Environment.NewLine, cancellationToken);
                written++;
                output.WriteLine($"Wrote {Shown(path)}: {golden.Request.Method} {golden.Request.Target}, {Count(golden.Found.Count, "difference")}.");
            }

            output.WriteLine($"Exported {Count(written, "golden case")} of {chosen.Count}.");
            return written > 0 ? 0 : 1;
        });
        return command;
    }

    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string Count(int n, string what) => $"{n.ToString(CultureInfo.InvariantCulture)} {what}{(n == 1 ? "" : "s")}";
}
