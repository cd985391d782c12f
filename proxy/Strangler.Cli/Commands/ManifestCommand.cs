using System.CommandLine;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

internal static class ManifestCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var command = new Command("manifest", "Show the manifest revision the façade serves and whether the last reload was refused.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = options.CreateClient(parse);
            var status = await client.GetAsync<ManifestStatus>(AdminRoutes.Manifest, cancellationToken);
            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, status);
                return 0;
            }

            output.WriteLine($"revision {status.Revision}, loaded {status.LoadedAt:u}, capabilities: {string.Join(", ", status.Capabilities)}");
            output.WriteLine(status.LastReloadError is null
                ? "last reload: " + (status.LastReloadAt is null ? "none since start" : $"accepted at {status.LastReloadAt:u}")
                : $"configuration rejected at {status.LastReloadAt:u}: {status.LastReloadError}{Environment.NewLine}The revision above keeps serving, with the configuration from before the change.");
            return 0;
        });
        return command;
    }
}
