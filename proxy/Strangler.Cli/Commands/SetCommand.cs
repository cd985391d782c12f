using System.CommandLine;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

internal static class SetCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var name = new Argument<string>("capability") { Description = "The capability's name, as in the manifest." };
        var mode = new Option<CapabilityMode?>("--mode", "-m") { Description = "Legacy, Shadow, Canary or Service." };
        var percentage = new Option<double?>("--percentage", "--percent", "-p") { Description = "Canary: the share of users (0 to 100) the service answers." };
        var users = new Option<string[]?>("--users") { Description = "Canary: user ids always sent to the service, comma-separated; \"\" clears.", AllowMultipleArgumentsPerToken = true };
        var groups = new Option<string[]?>("--groups") { Description = "Canary: groups or tenants always sent to the service, comma-separated; \"\" clears.", AllowMultipleArgumentsPerToken = true };
        var reason = new Option<string>("--reason", "-r") { Description = "Why (required: every change is audited).", Required = true };
        var expectedVersion = new Option<long?>("--expected-version") { Description = "Refuse the change unless the capability is still at this version." };

        percentage.MustBeWithin(0, 100);
        expectedVersion.MustBeWithin(0, long.MaxValue);

        var command = new Command("set", "Change a capability's mode, percentage or targets; fields not given keep their value.")
        {
            name, mode, percentage, users, groups, reason, expectedVersion,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(mode) is null && result.GetResult(percentage) is null && result.GetResult(users) is null && result.GetResult(groups) is null)
            {
                result.AddError("Nothing to change: give --mode, --percentage, --users or --groups.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var change = new CapabilityChange(
                parse.GetValue(mode),
                parse.GetValue(percentage),
                Targets(parse, users),
                Targets(parse, groups),
                parse.GetValue(reason),
                parse.GetValue(expectedVersion));
            using var client = options.CreateClient(parse);
            var capability = await client.PatchAsync<CapabilityView>(AdminRoutes.Capability(parse.GetValue(name)!), change, cancellationToken);
            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, capability);
            }
            else
            {
                output.WriteLine($"{capability.Name} is now {Formatting.State(capability.State)} (version {capability.Version}).");
            }

            return 0;
        });
        return command;
    }

    // An option not given must keep the current targets: System.CommandLine reports it as an empty
    // array, which would read as "clear them", so ask whether it was given at all.
    private static List<string>? Targets(ParseResult parse, Option<string[]?> option) =>
        parse.GetResult(option) is null
            ? null
            : (parse.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
