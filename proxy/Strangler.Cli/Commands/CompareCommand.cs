using System.CommandLine;
using Strangler.Cli.Replay;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler compare</c>: replays recorded (or hand-written) requests against any two HTTP systems
/// and compares each pair of answers with the façade's comparer and rules. Exit 1 on any mismatch or
/// error, so a team's CI can gate on it.
/// </summary>
internal static class CompareCommand
{
    public const string DryRunSecretVariable = "STRANGLER_DRY_RUN_SECRET";

    public static Command Create(TextWriter output)
    {
        var legacy = BaseAddressOption.Create("--legacy", "Base address of the system that is right by definition (the monolith).");
        var candidate = BaseAddressOption.Create("--candidate", "Base address of the system under test (the service).");
        var requests = new Option<FileInfo>("--requests") { Description = "A JSON Lines file of requests: a façade recording or a scenario file.", Required = true };
        var rules = new Option<FileInfo>("--rules") { Description = "Comparison rules: a façade appsettings.json (each capability's Compare section) or one Compare object. Default: exact." };
        var report = new Option<string>("--report") { Description = "Folder for report.json and report.html.", DefaultValueFactory = _ => "strangler-report" };
        var parallel = new Option<int>("--parallel") { Description = "Requests replayed at once (1 to 32).", DefaultValueFactory = _ => 4 };
        var learnNoise = new Option<bool>("--learn-noise") { Description = "Ask the legacy system each read twice and ignore what differs between its own answers." };
        var dryRunSecret = new Option<string?>("--dry-run-secret")
        {
            Description = $"Send every write to both systems as a dry run with this shared secret (default: ${DryRunSecretVariable}), so nothing is changed.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(DryRunSecretVariable) is { Length: > 0 } secret ? secret : null,
        };
        var sendWrites = new Option<bool>("--send-writes") { Description = "Send writes for real to both systems (test systems only): without this or --dry-run-secret, a file with writes is refused." };
        var timeout = new Option<double>("--request-timeout") { Description = "Seconds to wait for each answer (1 to 300).", DefaultValueFactory = _ => 30 };
        requests.AcceptExistingOnly();
        rules.AcceptExistingOnly();
        parallel.MustBeWithin(1, 32);
        timeout.MustBeWithin(1, 300, " seconds");

        var command = new Command("compare", "Replay requests against two systems and compare their answers (exit 1 on any mismatch).")
        {
            legacy, candidate, requests, rules, report, parallel, learnNoise, timeout, dryRunSecret, sendWrites,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = new List<string>();
            var (replayed, requestProblems) = RecordedRequest.ReadAll(parse.GetValue(requests)!.FullName);
            problems.AddRange(requestProblems);
            var ruleSet = parse.GetValue(rules) is { } file ? LoadRules(file, problems) : RulesFile.Strict;
            problems.AddRange(replayed.Where(r => r.Capability is not null && !ruleSet.Knows(r.Capability))
                .Select(r => $"line {r.Line}: capability '{r.Capability}' is not in the rules file."));
            if (parse.GetValue(dryRunSecret) is null && !parse.GetValue(sendWrites))
            {
                // Replaying a write for real changes both systems; that must be asked for, never a surprise.
                problems.AddRange(replayed.Where(r => !ReplayRunner.IsRead(r.Method))
                    .Select(r => $"line {r.Line}: {r.Method} would change both systems; pass --dry-run-secret to send writes as dry runs, or --send-writes to send them for real."));
            }

            if (problems.Count > 0)
            {
                throw new CliException("Nothing was sent:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)), exitCode: 2);
            }

            var legacyUri = new Uri(parse.GetValue(legacy)!);
            var candidateUri = new Uri(parse.GetValue(candidate)!);
            using var runner = new ReplayRunner(
                legacyUri, candidateUri, ruleSet, parse.GetValue(learnNoise), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(dryRunSecret));
            List<ReplayResult> results;
            try
            {
                results = await runner.RunAsync(replayed, parse.GetValue(parallel), cancellationToken);
            }
            catch (Exception) when (runner.NotHonoured is { } refusal)
            {
                // Other requests in flight stop with it; the refusal is what the run ended on.
                throw new CliException(refusal.Message, exitCode: 2);
            }

            CompareReport.WriteSummary(output, results, legacyUri, candidateUri);
            foreach (var (capability, noise) in runner.LearnedNoise.Where(n => !n.Value.IsEmpty))
            {
                output.WriteLine($"Learned noise{(capability.Length > 0 ? " for " + capability : "")}: {string.Join(", ", noise.Paths.Concat(noise.Headers))}");
            }

            var directory = Path.GetFullPath(parse.GetValue(report)!);
            await CompareReport.WriteFilesAsync(directory, results, legacyUri, candidateUri, cancellationToken);
            output.WriteLine($"Report: {Path.Combine(directory, "report.json")}, {Path.Combine(directory, "report.html")}");
            return results.All(r => r.Matched) ? 0 : 1;
        });
        return command;
    }

    private static RulesFile LoadRules(FileInfo file, List<string> problems)
    {
        try
        {
            return RulesFile.Load(file.FullName, problems);
        }
        catch (System.Text.Json.JsonException exception)
        {
            problems.Add($"{file.Name} is not JSON: {exception.Message.Split(" Path:")[0]}");
            return RulesFile.Strict;
        }
    }
}
