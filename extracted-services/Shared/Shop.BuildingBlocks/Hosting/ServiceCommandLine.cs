using Strangler.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Strangler.ServiceDefaults.Settings;

namespace Shop.BuildingBlocks.Hosting;

/// <summary>A command a service runs instead of serving, such as <c>backfill</c>.</summary>
public sealed record ServiceCommand(string Name, string Summary, Func<WebApplication, CancellationToken, Task<int>> RunAsync);

/// <summary>
/// How an extracted service reads its command line: no command serves HTTP; a first argument
/// that is not an option names a command (<c>backfill</c>, <c>sync</c>), which runs against the
/// same configuration and database and exits. Options (<c>--Key=value</c>) are configuration either way.
/// Exit codes: 0 done, 1 the command failed, 2 bad command line or configuration.
/// </summary>
public static class ServiceCommandLine
{
    public static async Task<int> RunAsync(
        string[] args,
        string serviceName,
        Func<string[], WebApplication> build,
        Func<WebApplication, CancellationToken, Task> prepare,
        Action<WebApplication> printBanner,
        IReadOnlyList<ServiceCommand> commands)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        var options = command is null ? args : args[1..];
        ServiceCommand? chosen = null;
        if (command is not null && (chosen = commands.FirstOrDefault(c => c.Name == command)) is null)
        {
            await Console.Error.WriteLineAsync(
                $"{serviceName}: '{command}' is not a command. Run with no command to serve HTTP, or one of:{Environment.NewLine}" +
                string.Join(Environment.NewLine, commands.Select(c => $"  {c.Name,-10} {c.Summary}")));
            return 2;
        }

        WebApplication app;
        try
        {
            app = build(options);
            await prepare(app, CancellationToken.None);
        }
        catch (InvalidSettingsException exception)
        {
            await Console.Error.WriteLineAsync($"{serviceName}: {exception.Message}");
            return 2;
        }

        await using (app)
        {
            if (chosen is not null)
            {
                using var stop = new CancellationTokenSource();
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    stop.Cancel();
                };
                try
                {
                    return await chosen.RunAsync(app, stop.Token);
                }
                catch (Exception exception) when (exception is HttpRequestException or CommandFailedException)
                {
                    await Console.Error.WriteLineAsync($"{serviceName} {chosen.Name}: {exception.Message}");
                    return 1;
                }
            }

            if (!await HostStart.TryStartAsync(app, serviceName, Console.Error))
            {
                return 2;
            }

            printBanner(app);
            await app.WaitForShutdownAsync();
            return 0;
        }
    }
}
