using Strangler.Cli.Doctor;

namespace Strangler.Cli.Scan;

/// <summary>
/// Which capability of the manifest claims an endpoint: the endpoint's route pattern, each parameter
/// standing for one segment, matched against each capability's routes as the façade matches a path
/// (literal segments alike, <c>{x}</c> any one segment, <c>{**rest}</c> the rest), and its method.
/// </summary>
internal static class RouteMatch
{
    public static string? CapabilityOf(string endpoint, DoctorManifest manifest)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }

        var (method, pattern) = (endpoint[..space], endpoint[(space + 1)..]);
        var path = Segments(pattern).Select(s => s.StartsWith('{') ? "\u0001" : s).ToList();
        return manifest.Capabilities.FirstOrDefault(c => c.Routes.Any(route =>
            (route.Methods.Count == 0 || route.Methods.Contains(method, StringComparer.OrdinalIgnoreCase)) && Matches(Segments(route.Path), path)))?.Name;
    }

    private static bool Matches(IReadOnlyList<string> route, IReadOnlyList<string> path)
    {
        for (var i = 0; i < route.Count; i++)
        {
            if (route[i].StartsWith("{*", StringComparison.Ordinal))
            {
                return true;
            }

            if (i >= path.Count)
            {
                return false;
            }

            if (!route[i].StartsWith('{') && (path[i] == "\u0001" || !route[i].Equals(path[i], StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return route.Count == path.Count;
    }

    private static List<string> Segments(string pattern) => [.. pattern.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries)];
}
