using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Strangler.Bench.Macro;

/// <summary>What a bare proxy of the bench is started with: <c>--port N --fixed URL --monolith URL</c>.</summary>
internal sealed record BareProxyArguments(int Port, string FixedPrefix, string MonolithPrefix)
{
    /// <summary>Runs the proxy <paramref name="build"/> makes until the process is stopped; 2 with the usage line for a wrong command line.</summary>
    public static async Task<int> RunAsync(string name, string[] args, Func<BareProxyArguments, WebApplication> build)
    {
        if (await ParseAsync(name, args) is not { } arguments)
        {
            return 2;
        }

        await using var app = build(arguments);
        await app.RunAsync();
        return 0;
    }

    /// <summary>The slim builder every bare proxy starts from: no logging, listening on its port only.</summary>
    public WebApplicationBuilder SlimBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        return builder;
    }

    /// <summary>The arguments, or null after writing the usage line for <paramref name="name"/>.</summary>
    public static async Task<BareProxyArguments?> ParseAsync(string name, string[] args)
    {
        if (args.Length == 6 && args[0] == "--port" && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 &&
            args[2] == "--fixed" && Uri.TryCreate(args[3], UriKind.Absolute, out var fixedBackend) &&
            args[4] == "--monolith" && Uri.TryCreate(args[5], UriKind.Absolute, out var monolith))
        {
            return new BareProxyArguments(port, fixedBackend.GetLeftPart(UriPartial.Authority), monolith.GetLeftPart(UriPartial.Authority));
        }

        await Console.Error.WriteLineAsync($"usage: {name} --port <1-65535> --fixed <url> --monolith <url>");
        return null;
    }
}
