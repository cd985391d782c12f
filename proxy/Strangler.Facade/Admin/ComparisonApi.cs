using Microsoft.AspNetCore.Http.HttpResults;
using Strangler.Contracts;
using Strangler.Facade.Settings;
using Strangler.Facade.Shadowing;

namespace Strangler.Facade.Admin;

/// <summary>What shadowing found: counters per capability, and the stored mismatches with both answers.</summary>
internal static class ComparisonApi
{
    public static RouteGroupBuilder MapComparisonApi(this RouteGroupBuilder api)
    {
        api.MapGet("/capabilities/{name}/comparison", Stats).WithTags("Comparison")
            .WithName("GetComparisonStats")
            .WithSummary("Shadow counters of one capability on this replica (compared, matched, mismatched, errors, dropped, skipped) and the noise learned.");
        api.MapPost("/capabilities/{name}/comparison/resume-writes", ResumeWrites).WithTags("Comparison")
            .WithName("ResumeWriteCopies")
            .WithSummary("After a dry run was not honoured, write copies of the capability stop; this lets them go again, on this replica. Answers the shadow counters.");
        api.MapGet("/mismatches", ListAsync).WithTags("Comparison")
            .WithName("ListMismatches").WithSummary("Stored mismatches, newest first; filter with ?capability=, page size with ?limit= (1 to 1000, default 50).");
        api.MapGet("/mismatches/{id:long}", FindAsync).WithTags("Comparison")
            .WithName("GetMismatch").WithSummary("One mismatch with both answers and every difference.");
        return api;
    }

    private static Results<Ok<ComparisonStats>, ProblemHttpResult> Stats(string name, ManifestSource manifests, ShadowStats stats) =>
        manifests.Current.Find(name) is null
            ? CapabilitiesApi.UnknownCapability(name, manifests.Current)
            : TypedResults.Ok(stats.Of(name));

    private static Results<Ok<ComparisonStats>, ProblemHttpResult> ResumeWrites(
        string name, ManifestSource manifests, ShadowStats stats, HttpContext context, ILoggerFactory loggers)
    {
        if (manifests.Current.Find(name) is null)
        {
            return CapabilitiesApi.UnknownCapability(name, manifests.Current);
        }

        if (stats.ResumeWriteCopies(name))
        {
            loggers.CreateLogger(typeof(ComparisonApi).FullName!).LogWarning(
                "Write copies of {Capability} resumed by {Operator} after {Count} dry runs not honoured", name, context.User.Identity?.Name ?? "an operator", stats.Of(name).DryRunsNotHonoured);
        }

        return TypedResults.Ok(stats.Of(name));
    }

    private static async Task<Results<Ok<List<MismatchSummary>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? capability, string? limit, ManifestSource manifests, MismatchStore store, CancellationToken cancellationToken)
    {
        var (take, refusal) = ListQuery.Check(capability, limit, manifests.Current);
        if (refusal is not null)
        {
            return refusal is ValidationProblem validation ? validation : (ProblemHttpResult)refusal;
        }

        return TypedResults.Ok(await store.ListAsync(capability, take, cancellationToken));
    }

    private static async Task<Results<Ok<MismatchDetail>, ProblemHttpResult>> FindAsync(long id, MismatchStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } mismatch
            ? TypedResults.Ok(mismatch)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such mismatch.",
                detail: $"Mismatch {id} does not exist or was dropped by retention (Strangler:Shadow:MismatchRetention).");
}
