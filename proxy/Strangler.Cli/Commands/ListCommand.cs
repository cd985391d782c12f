using System.CommandLine;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var command = new Command("list", "List every capability with its mode, canary percentage and targets, and the health of both sides.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = options.CreateClient(parse);
            var capabilities = await client.GetAsync<List<CapabilityView>>(AdminRoutes.Capabilities, cancellationToken);
            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, capabilities);
                return 0;
            }

            TableWriter.Write(output,
                ["CAPABILITY", "MODE", "PERCENT", "USERS", "GROUPS", "VERSION", "LEGACY", "SERVICE"],
                capabilities.Select(c => (IReadOnlyList<string>)
                [
                    c.Name, c.State.Mode.ToString(), Formatting.Percentage(c.State), Formatting.List(c.State.Users),
                    Formatting.List(c.State.Groups), c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Formatting.Side(c.LegacyCluster, c.LegacyHealth, c.Destinations), Formatting.Side(c.ServiceCluster, c.ServiceHealth, c.Destinations),
                ]).ToList());
            return 0;
        });
        return command;
    }
}
