using System.CommandLine;
using System.Text.RegularExpressions;
using Strangler.Cli.Reconcile;
using Strangler.Comparison;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler reconcile</c>: compares two sides' copies of one dataset (counts, then per-row hashes,
/// then the differing fields) through the export protocol. Exit 0 in step, 1 when they differ.
/// With <c>--wait</c> it compares again until the two are in step or the seconds are up: sync is
/// asynchronous, so "in step a moment after a write" is a condition to wait on, not a sleep to guess.
/// </summary>
internal static partial class ReconcileCommand
{
    public const string LegacyKeyVariable = "STRANGLER_LEGACY_KEY";
    public const string CandidateKeyVariable = "STRANGLER_CANDIDATE_KEY";
    private static readonly TimeSpan BetweenTries = TimeSpan.FromMilliseconds(500);

    public static Command Create(CliOptions options, TextWriter output)
    {
        var legacy = BaseAddressOption.Create("--legacy", "Base address of the system that holds the data now (the monolith).");
        var candidate = BaseAddressOption.Create("--candidate", "Base address of the system that should hold the same data (the service).");
        var dataset = new Option<string>("--dataset") { Description = "The dataset both export, e.g. products or orders.", Required = true };
        var keyField = new Option<string>("--key-field") { Description = "The field rows are matched by.", DefaultValueFactory = _ => "id" };
        var legacyKey = new Option<string?>("--legacy-key")
        {
            Description = $"Admin key for the legacy side's export (default: ${LegacyKeyVariable}).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(LegacyKeyVariable),
        };
        var candidateKey = new Option<string?>("--candidate-key")
        {
            Description = $"Admin key for the candidate side's export (default: ${CandidateKeyVariable}).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(CandidateKeyVariable),
        };
        var ignore = new Option<string[]>("--ignore") { Description = "A JSON path whose value does not count (repeatable).", AllowMultipleArgumentsPerToken = true };
        var show = new Option<int>("--show") { Description = "Differences printed (0 to 1000); the JSON output has them all.", DefaultValueFactory = _ => 20 };
        var wait = new Option<int>("--wait")
        {
            Description = "Compare again until in step, for at most this many seconds (0 to 3600; default 0: once). Only the last comparison is printed.",
            DefaultValueFactory = _ => 0,
        };
        dataset.Validators.Add(result =>
        {
            if (!DatasetName().IsMatch(result.GetValueOrDefault<string>() ?? ""))
            {
                result.AddError($"--dataset must be lower-case letters, digits and dashes; got '{result.GetValueOrDefault<string>()}'.");
            }
        });
        show.MustBeWithin(0, 1000);
        wait.MustBeWithin(0, 3600, " seconds");

        var command = new Command("reconcile", "Compare two systems' copies of a dataset row by row (exit 1 when they differ).")
        {
            legacy, candidate, dataset, keyField, legacyKey, candidateKey, ignore, show, wait,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rules = ComparisonRules.Strict.Ignoring(parse.GetValue(ignore) ?? []);
            if (rules.Problems() is { Count: > 0 } problems)
            {
                throw new CliException("--ignore: " + string.Join(" ", problems), exitCode: 2);
            }

            var name = parse.GetValue(dataset)!;
            var timeout = TimeSpan.FromSeconds(parse.GetValue(options.Timeout));
            using var legacyReader = new ExportReader(new Uri(parse.GetValue(legacy)!), parse.GetValue(legacyKey), timeout);
            using var candidateReader = new ExportReader(new Uri(parse.GetValue(candidate)!), parse.GetValue(candidateKey), timeout);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(parse.GetValue(wait));
            ReconcileResult result;
            while (true)
            {
                var legacyRows = await legacyReader.ReadAllAsync(name, cancellationToken);
                var candidateRows = await candidateReader.ReadAllAsync(name, cancellationToken);
                result = Reconciliation.Compare(name, legacyRows, candidateRows, parse.GetValue(keyField)!, rules);
                if (result.InStep || DateTime.UtcNow >= deadline)
                {
                    break;
                }

                await Task.Delay(BetweenTries, cancellationToken);
            }

            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, result);
            }
            else
            {
                ReconcileReport.Write(output, result, parse.GetValue(legacy)!, parse.GetValue(candidate)!, parse.GetValue(show));
            }

            return result.InStep ? 0 : 1;
        });
        return command;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex DatasetName();
}
