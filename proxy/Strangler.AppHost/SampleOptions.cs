using System.Globalization;

namespace Strangler.AppHost;

/// <summary>
/// The app host's command line: where each part listens, and how long the whole sample may take to be
/// ready before the app host gives up and says which part is not (a loaded machine needs longer).
/// </summary>
internal sealed record SampleOptions(SamplePorts Ports, TimeSpan ReadyTimeout)
{
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(120);

    private const string ReadyTimeoutOption = "--ready-timeout";
    private static readonly string[] PortOptions = [.. SamplePorts.Documented.All.Select(part => part.Option)];

    /// <summary>Every option, ports in the order of <see cref="SamplePorts"/>, then the ready timeout.</summary>
    public static readonly string[] Options = [.. PortOptions, ReadyTimeoutOption];

    public const string Usage = """
        Usage: dotnet run --project proxy/Strangler.AppHost [-- options]
          --facade-port <port>        the façade (default 5000)
          --monolith-port <port>      the monolith (default 5100)
          --catalog-port <port>       catalog-service (default 5200)
          --ordering-port <port>      ordering-service (default 5300)
          --ready-timeout <seconds>   how long every part may take to be ready (default 120)
        Set STRANGLER_DATA to a folder to keep every part's SQLite files there instead of beside its project.
        """;

    /// <summary>Reads the options; every problem is listed, and nothing starts when there is one.</summary>
    public static SampleOptions Parse(IReadOnlyList<string> args, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var ports = SamplePorts.Documented.All.ToDictionary(part => part.Option, part => part.Port, StringComparer.Ordinal);
        var readyTimeout = DefaultReadyTimeout;
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!Options.Contains(name, StringComparer.Ordinal))
            {
                found.Add($"Unknown option '{name}'; the options are {string.Join(", ", Options)}.");
                continue;
            }

            if (!given.Add(name))
            {
                found.Add($"{name} is given twice.");
            }

            if (i + 1 >= args.Count)
            {
                found.Add(name == ReadyTimeoutOption ? $"{name} needs a number of seconds." : $"{name} needs a port number.");
                break;
            }

            var text = args[++i];
            if (name == ReadyTimeoutOption)
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 3600)
                {
                    found.Add($"{name} must be a whole number of seconds from 1 to 3600; got '{text}'.");
                    continue;
                }

                readyTimeout = TimeSpan.FromSeconds(seconds);
            }
            else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                found.Add($"{name} must be a port number from 1 to 65535; got '{text}'.");
            }
            else
            {
                ports[name] = port;
            }
        }

        foreach (var clash in ports.GroupBy(p => p.Value).Where(g => g.Count() > 1))
        {
            found.Add($"{string.Join(" and ", clash.Select(p => p.Key))} are both {clash.Key}; each part needs its own port.");
        }

        problems = found;
        return new SampleOptions(new SamplePorts(ports[PortOptions[0]], ports[PortOptions[1]], ports[PortOptions[2]], ports[PortOptions[3]]), readyTimeout);
    }
}
