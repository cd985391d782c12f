using System.CommandLine;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler list</c>: every capability with its mode and the health of both sides. With
/// <c>--wait-healthy</c> it asks again until every side is Healthy: after a HealthPath is fixed or a
/// service is started, the façade's view changes at its next probe, which is a condition to wait on.
/// </summary>
internal static class ListCommand
{
    private static readonly TimeSpan BetweenTries = TimeSpan.FromMilliseconds(500);

    public static Command Create(CliOptions options, TextWriter output)
    {
        var waitHealthy = new Option<int>("--wait-healthy")
        {
            Description = "Ask again until both sides of every capability are Healthy, for at most this many seconds (0 to 3600; default 0: once). Exit 1 if they are not by then.",
            DefaultValueFactory = _ => 0,
        };
        waitHealthy.MustBeWithin(0, 3600, " seconds");
        var command = new Command("list", "List every capability with its mode, canary percentage and targets, and the health of both sides.") { waitHealthy };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = options.CreateClient(parse);
            var wait = TimeSpan.FromSeconds(parse.GetValue(waitHealthy));
            var deadline = DateTime.UtcNow + wait;
            var capabilities = await client.GetAsync<List<CapabilityView>>(AdminRoutes.Capabilities, cancellationToken);
            while (wait > TimeSpan.Zero && !AllHealthy(capabilities) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(BetweenTries, cancellationToken);
                capabilities = await client.GetAsync<List<CapabilityView>>(AdminRoutes.Capabilities, cancellationToken);
            }

            Write(output, capabilities, parse.GetValue(options.Json));
            if (wait > TimeSpan.Zero && !AllHealthy(capabilities))
            {
                throw new CliException(
                    $"Not every side was Healthy within {wait.TotalSeconds:0} s; each side's last probe is above (a cluster without a HealthPath is never probed, so never Healthy).",
                    exitCode: 1);
            }

            return 0;
        });
        return command;
    }

    private static bool AllHealthy(List<CapabilityView> capabilities) =>
        capabilities.All(c => c.LegacyHealth == ClusterHealth.Healthy && c.ServiceHealth == ClusterHealth.Healthy);

    private static void Write(TextWriter output, List<CapabilityView> capabilities, bool json)
    {
        if (json)
        {
            Formatting.WriteJson(output, capabilities);
            return;
        }

        TableWriter.Write(output,
            ["CAPABILITY", "MODE", "PERCENT", "USERS", "GROUPS", "VERSION", "LEGACY", "SERVICE"],
            capabilities.Select(c => (IReadOnlyList<string>)
            [
                c.Name, c.State.Mode.ToString(), Formatting.Percentage(c.State), Formatting.List(c.State.Users),
                Formatting.List(c.State.Groups), c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Formatting.Side(c.LegacyCluster, c.LegacyHealth, c.Destinations), Formatting.Side(c.ServiceCluster, c.ServiceHealth, c.Destinations),
            ]).ToList());
    }
}
