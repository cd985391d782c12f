using System.CommandLine;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

internal static class ShowCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var name = new Argument<string>("capability") { Description = "The capability's name, as in the manifest." };
        var command = new Command("show", "Show one capability: its state, routes and the health of both sides.") { name };
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
            output.WriteLine($"  legacy   {capability.LegacyCluster} ({capability.LegacyHealth})");
            output.WriteLine($"  service  {capability.ServiceCluster} ({capability.ServiceHealth}), reads fall back to legacy: {(capability.FallbackToLegacy ? "yes" : "no")}");
            foreach (var route in capability.Routes)
            {
                output.WriteLine($"  route    {(route.Methods.Count == 0 ? "*" : string.Join(",", route.Methods))} {route.Path}");
            }

            var stats = await client.GetAsync<ComparisonStats>(AdminRoutes.Comparison(capability.Name), cancellationToken);
            output.WriteLine($"  shadow   compared {stats.Compared}, matched {stats.Matched}, mismatched {stats.Mismatched}, " +
                $"errors {stats.Errors}, dropped {stats.Dropped}, skipped {stats.Skipped} (this replica, since it started)");
            if (stats.LearnedNoise.Count > 0)
            {
                output.WriteLine($"  noise    learned: {string.Join(", ", stats.LearnedNoise)}");
            }

            return 0;
        });
        return command;
    }
}
