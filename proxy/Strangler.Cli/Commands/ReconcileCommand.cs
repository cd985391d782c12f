using System.CommandLine;
using System.Text.RegularExpressions;
using Strangler.Cli.Reconcile;
using Strangler.Comparison;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler reconcile</c>: compares two sides' copies of one dataset (counts, then per-row hashes,
/// then the differing fields) through the export protocol. Exit 0 in step, 1 when they differ. For
/// <c>orders</c> it also holds every order against the legacy side's payments and stock reservations
/// (<see cref="WholeOrderCheck"/>), and <c>--repair</c> releases what no order should hold.
/// With <c>--wait</c> it compares again until the two are in step or the seconds are up: sync is
/// asynchronous, so "in step a moment after a write" is a condition to wait on, not a sleep to guess.
/// </summary>
internal static partial class ReconcileCommand
{
    public const string LegacyKeyVariable = "STRANGLER_LEGACY_KEY";
    public const string CandidateKeyVariable = "STRANGLER_CANDIDATE_KEY";
    public const string OrdersDataset = "orders";
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
        var settle = new Option<int>("--settle")
        {
            Description = "Orders: anything changed in the last this many seconds is in flight, not an orphan (0 to 86400; default 120, the placement timeout).",
            DefaultValueFactory = _ => 120,
        };
        var repair = new Option<bool>("--repair")
        {
            Description = "Orders: release the stock and payments the findings name, listing each repair before making it, then check again.",
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
        settle.MustBeWithin(0, 86_400, " seconds");

        var command = new Command("reconcile", "Compare two systems' copies of a dataset row by row (exit 1 when they differ).")
        {
            legacy, candidate, dataset, keyField, legacyKey, candidateKey, ignore, show, wait, settle, repair,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rules = ComparisonRules.Strict.Ignoring(parse.GetValue(ignore) ?? []);
            if (rules.Problems() is { Count: > 0 } problems)
            {
                throw new CliException("--ignore: " + string.Join(" ", problems), exitCode: 2);
            }

            var name = parse.GetValue(dataset)!;
            var wholeOrders = name == OrdersDataset;
            if (parse.GetValue(repair) && !wholeOrders)
            {
                throw new CliException($"--repair works on --dataset {OrdersDataset} only; got '{name}'.", exitCode: 2);
            }

            var settleFor = TimeSpan.FromSeconds(parse.GetValue(settle));
            var timeout = TimeSpan.FromSeconds(parse.GetValue(options.Timeout));
            using var legacyReader = new ExportReader(new Uri(parse.GetValue(legacy)!), parse.GetValue(legacyKey), timeout);
            using var candidateReader = new ExportReader(new Uri(parse.GetValue(candidate)!), parse.GetValue(candidateKey), timeout);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(parse.GetValue(wait));
            ReconcileResult result;
            WholeOrderResult? whole = null;
            while (true)
            {
                var legacyRows = await legacyReader.ReadAllAsync(name, cancellationToken);
                var candidateRows = await candidateReader.ReadAllAsync(name, cancellationToken);
                result = Reconciliation.Compare(name, legacyRows, candidateRows, parse.GetValue(keyField)!, rules);
                if (wholeOrders)
                {
                    whole = await WholeOrderReader.CheckAsync(legacyReader, legacyRows, candidateRows, settleFor, cancellationToken);
                }

                if ((result.InStep && whole is not { Clean: false }) || DateTime.UtcNow >= deadline)
                {
                    break;
                }

                await Task.Delay(BetweenTries, cancellationToken);
            }

            var json = parse.GetValue(options.Json);
            if (!json)
            {
                ReconcileReport.Write(output, result, parse.GetValue(legacy)!, parse.GetValue(candidate)!, parse.GetValue(show));
                WriteWholeOrders(output, whole, wholeOrders, parse.GetValue(legacy)!, parse.GetValue(show));
            }

            var repairs = new List<RepairOutcome>();
            WholeOrderResult? after = null;
            if (parse.GetValue(repair) && whole is { Clean: false })
            {
                using var repairer = new OrderRepairs(new Uri(parse.GetValue(legacy)!), parse.GetValue(legacyKey), timeout);
                var plan = OrderRepairs.Plan(whole);
                if (!json)
                {
                    WholeOrderReport.WritePlan(output, plan);
                }

                foreach (var (finding, what) in plan)
                {
                    var outcome = await repairer.ApplyAsync(finding, what, cancellationToken);
                    repairs.Add(outcome);
                    if (!json)
                    {
                        WholeOrderReport.WriteOutcome(output, outcome);
                    }
                }

                after = await WholeOrderReader.CheckAsync(
                    legacyReader, await legacyReader.ReadAllAsync(name, cancellationToken), await candidateReader.ReadAllAsync(name, cancellationToken), settleFor, cancellationToken);
                if (!json)
                {
                    output.WriteLine("After the repairs:");
                    WriteWholeOrders(output, after, wholeOrders, parse.GetValue(legacy)!, parse.GetValue(show));
                }
            }

            if (json && wholeOrders)
            {
                Formatting.WriteJson(output, new OrdersReconcileResult(result, whole, repairs, after));
            }
            else if (json)
            {
                Formatting.WriteJson(output, result);
            }

            return result.InStep && (after ?? whole) is not { Clean: false } ? 0 : 1;
        });
        return command;
    }

    private static void WriteWholeOrders(TextWriter output, WholeOrderResult? whole, bool wholeOrders, string legacy, int show)
    {
        if (whole is not null)
        {
            WholeOrderReport.Write(output, whole, legacy, show);
        }
        else if (wholeOrders)
        {
            output.WriteLine($"Whole orders not checked: {legacy} exports no {WholeOrderReader.Payments} or no {WholeOrderReader.StockReservations}.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex DatasetName();
}
