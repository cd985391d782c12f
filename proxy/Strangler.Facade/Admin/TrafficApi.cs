using Microsoft.AspNetCore.Http.HttpResults;
using Strangler.Contracts;
using Strangler.Facade.Settings;
using Strangler.Facade.Guardrails;

namespace Strangler.Facade.Admin;

/// <summary>The last minutes of traffic per capability and side, and the migration's progress, as this replica saw them.</summary>
internal static class TrafficApi
{
    public static RouteGroupBuilder MapTrafficApi(this RouteGroupBuilder api)
    {
        api.MapGet("/capabilities/{name}/traffic", Traffic).WithTags("Traffic").WithName("GetTraffic")
            .WithSummary("Requests, share, 5xx rate and p50/p99 per side, and shadow comparisons, over the last ?window= seconds (1 to 900, default 60).");
        api.MapGet("/progress", Progress).WithTags("Traffic").WithName("GetProgress")
            .WithSummary("The share of proxied traffic services answered over ?window= seconds, and how many manifest routes are in Service mode.");
        return api;
    }

    private static Results<Ok<TrafficView>, ValidationProblem, ProblemHttpResult> Traffic(
        string name, string? window, ManifestSource manifests, TrafficReport report, TimeProvider clock)
    {
        if (manifests.Current.Find(name) is not { } capability)
        {
            return CapabilitiesApi.UnknownCapability(name, manifests.Current);
        }

        return Seconds(window) is { } seconds
            ? TypedResults.Ok(report.For(capability, clock.GetUtcNow().AddSeconds(-seconds)))
            : Refuse(window);
    }

    private static Results<Ok<MigrationProgress>, ValidationProblem> Progress(string? window, TrafficReport report) =>
        Seconds(window) is { } seconds ? TypedResults.Ok(report.Progress(seconds)) : Refuse(window);

    private static int? Seconds(string? window) =>
        window is null ? 60 : int.TryParse(window, out var seconds) && seconds is >= 1 and <= TrafficReport.MaxWindowSeconds ? seconds : null;

    private static ValidationProblem Refuse(string? window) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["window"] = [$"must be a whole number of seconds from 1 to {TrafficReport.MaxWindowSeconds}; got '{window}'."] });
}
