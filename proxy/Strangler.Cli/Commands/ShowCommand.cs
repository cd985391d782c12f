using System.CommandLine;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler show</c>: one capability's state, routes, health and shadow counts. Shadow copies are
/// compared in the background after their primary has answered, so <c>--settle</c> waits until every
/// copy taken so far has an outcome before counting: a condition to wait on rather than a sleep.
/// </summary>
internal static class ShowCommand
{
    private static readonly TimeSpan BetweenTries = TimeSpan.FromMilliseconds(200);

    public static Command Create(CliOptions options, TextWriter output)
    {
        var name = new Argument<string>("capability") { Description = "The capability's name, as in the manifest." };
        var settle = new Option<int>("--settle")
        {
            Description = "Wait, at most this many seconds (0 to 3600; default 0), until no shadow copy is still in flight before counting them.",
            DefaultValueFactory = _ => 0,
        };
        settle.MustBeWithin(0, 3600, " seconds");
        var command = new Command("show", "Show one capability: its state, routes, the health of both sides and what shadowing found.") { name, settle };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = options.CreateClient(parse);
            var capability = await client.GetAsync<CapabilityView>(AdminRoutes.Capability(parse.GetValue(name)!), cancellationToken);
            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, capability);
                return 0;
            }

            output.WriteLine($"{capability.Name}: {Formatting.State(capability.State)} (version {capability.Version}" +
                (capability.UpdatedBy is null ? ", initial state from the manifest)" : $", changed by {capability.UpdatedBy} at {capability.UpdatedAt:u})"));
            output.WriteLine($"  legacy   {Formatting.Side(capability.LegacyCluster, capability.LegacyHealth, capability.Destinations)}");
            output.WriteLine($"  service  {Formatting.Side(capability.ServiceCluster, capability.ServiceHealth, capability.Destinations)}, reads fall back to legacy: {(capability.FallbackToLegacy ? "yes" : "no")}");
            foreach (var destination in capability.Destinations ?? [])
            {
                output.WriteLine($"  {destination.Cluster,-8} {destination.Address} active {destination.Active}, passive {destination.Passive}" +
                    (destination.LastProbe is { } probe ? $", last probe {probe} at {destination.ProbedAt:HH:mm:ss}" : ", not probed"));
            }
            foreach (var route in capability.Routes)
            {
                output.WriteLine($"  route    {(route.Methods.Count == 0 ? "*" : string.Join(",", route.Methods))} {route.Path}");
            }

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(parse.GetValue(settle));
            var stats = await client.GetAsync<ComparisonStats>(AdminRoutes.Comparison(capability.Name), cancellationToken);
            while (stats.Pending > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(BetweenTries, cancellationToken);
                stats = await client.GetAsync<ComparisonStats>(AdminRoutes.Comparison(capability.Name), cancellationToken);
            }

            output.WriteLine($"  shadow   compared {stats.Compared}, matched {stats.Matched}, mismatched {stats.Mismatched}, " +
                $"errors {stats.Errors}, dropped {stats.Dropped}, skipped {stats.Skipped}{(stats.Pending > 0 ? $", in flight {stats.Pending}" : "")} (this replica, since it started)");
            var reasons = (stats.SkippedBecause ?? new Dictionary<string, long>()).Select(r => $"skipped {r.Key} {r.Value}")
                .Concat((stats.DroppedBecause ?? new Dictionary<string, long>()).Select(r => $"dropped {r.Key} {r.Value}"))
                .Concat(stats.ShedLevel > 0 ? [$"shedding {stats.ShedLevel * 100:0}% of copies now: the façade is short of CPU or the primary slowed down"] : [])
                .ToList();
            if (reasons.Count > 0)
            {
                output.WriteLine($"  why      {string.Join(", ", reasons)}");
            }

            if (stats.DryRunsNotHonoured > 0)
            {
                output.WriteLine($"  DRY RUNS NOT HONOURED {stats.DryRunsNotHonoured}: the service answered a dry run without acknowledging it and may have written for real. " +
                    (stats.WriteCopiesStopped ? $"Write copies are stopped; check the service, then: strangler resume-writes {capability.Name}" : "Write copies were resumed."));
            }

            if (stats.LearnedNoise.Count > 0)
            {
                output.WriteLine($"  noise    learned: {string.Join(", ", stats.LearnedNoise)}");
            }

            return 0;
        });
        return command;
    }
}
