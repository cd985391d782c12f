using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Strangler.ServiceDefaults.Health;

/// <summary>
/// <c>{prefix}/live</c>: the process answers at all. <c>{prefix}/ready</c>: every check tagged
/// <see cref="ReadyTag"/> passes; the body is the status, and then each check that did not pass, with why.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static WebApplication MapHealthEndpoints(this WebApplication app, string prefix)
    {
        app.MapHealthChecks(prefix + "/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(prefix + "/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync(string.Join(Environment.NewLine, lines.Prepend(report.Status.ToString())));
    }
}
