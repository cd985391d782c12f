using System.Globalization;

namespace Strangler.AppHost;

/// <summary>
/// The loopback ports of the four parts, the documented ones unless the command line moves them
/// (port 5000 is taken on some machines, and a test may run the sample beside a developer's own).
/// </summary>
internal sealed record SamplePorts(int Facade, int Monolith, int CatalogService, int OrderingService)
{
    public static readonly SamplePorts Documented = new(5000, 5100, 5200, 5300);

    /// <summary>The options, in the order of the ports above.</summary>
    public static readonly string[] Options = ["--facade-port", "--monolith-port", "--catalog-port", "--ordering-port"];

    public const string Usage = """
        Usage: dotnet run --project proxy/Strangler.AppHost [-- options]
          --facade-port <port>     the façade (default 5000)
          --monolith-port <port>   the monolith (default 5100)
          --catalog-port <port>    catalog-service (default 5200)
          --ordering-port <port>   ordering-service (default 5300)
        Set STRANGLER_DATA to a folder to keep every part's SQLite files there instead of beside its project.
        """;

    public string FacadeUrl => Url(Facade);

    public string MonolithUrl => Url(Monolith);

    public string CatalogServiceUrl => Url(CatalogService);

    public string OrderingServiceUrl => Url(OrderingService);

    /// <summary>Reads the options; every problem is listed, and nothing starts when there is one.</summary>
    public static SamplePorts Parse(IReadOnlyList<string> args, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        int[] defaults = [Documented.Facade, Documented.Monolith, Documented.CatalogService, Documented.OrderingService];
        var ports = Options.Zip(defaults).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!ports.ContainsKey(name))
            {
                found.Add($"Unknown option '{name}'; the options are {string.Join(", ", ports.Keys)}.");
                continue;
            }

            if (!given.Add(name))
            {
                found.Add($"{name} is given twice.");
            }

            if (i + 1 >= args.Count)
            {
                found.Add($"{name} needs a port number.");
                break;
            }

            var text = args[++i];
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                found.Add($"{name} must be a port number from 1 to 65535; got '{text}'.");
                continue;
            }

            ports[name] = port;
        }

        var result = new SamplePorts(ports[Options[0]], ports[Options[1]], ports[Options[2]], ports[Options[3]]);
        foreach (var clash in ports.GroupBy(p => p.Value).Where(g => g.Count() > 1))
        {
            found.Add($"{string.Join(" and ", clash.Select(p => p.Key))} are both {clash.Key}; each part needs its own port.");
        }

        problems = found;
        return result;
    }

    private static string Url(int port) => "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
}
