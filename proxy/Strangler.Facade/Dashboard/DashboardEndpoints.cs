using System.Reflection;
using Strangler.Contracts;

namespace Strangler.Facade.Dashboard;

/// <summary>
/// Serves the dashboard's static files from the façade's own assembly, so it works wherever the
/// façade runs (no content root, no Node build). The page itself holds no data: it reads the admin
/// API with the operator's key, which is where every refusal happens.
/// </summary>
internal static class DashboardEndpoints
{
    public const string Path = AdminRoutes.Prefix + "/dashboard";

    private static readonly (string Route, string Resource, string ContentType)[] Files =
    [
        (Path, "index.html", "text/html; charset=utf-8"),
        (Path + "/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8"),
        (Path + "/charts.js", "charts.js", "text/javascript; charset=utf-8"),
        (Path + "/dashboard.css", "dashboard.css", "text/css; charset=utf-8"),
    ];

    public static WebApplication MapDashboard(this WebApplication app)
    {
        foreach (var (route, resource, contentType) in Files)
        {
            var bytes = Read(resource);
            app.MapGet(route, () => TypedResults.Bytes(bytes, contentType)).ExcludeFromDescription();
        }

        return app;
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Strangler.Facade.Dashboard." + name)
            ?? throw new InvalidOperationException($"The dashboard file {name} is not embedded in the façade.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
