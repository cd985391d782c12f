using Microsoft.AspNetCore.Http.HttpResults;
using Strangler.Contracts;
using Strangler.Contracts.Golden;
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
        api.MapGet("/mismatches/{id:long}/golden-case", GoldenCaseAsync).WithTags("Comparison")
            .WithName("GetMismatchGoldenCase")
            .WithSummary("One mismatch as a golden case (strangler-golden-case/1): the redacted request, the legacy answer as the expected one, and the rules in force; a file to run against the service side.");
        return api;
    }

    private static Results<Ok<ComparisonStats>, ProblemHttpResult> Stats(string name, ManifestSource manifests, ShadowStats stats, ShadowPressure pressure) =>
        manifests.Current.Find(name) is null
            ? CapabilitiesApi.UnknownCapability(name, manifests.Current)
            : TypedResults.Ok(stats.Of(name) with { ShedLevel = pressure.LevelOf(name) });

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

    private static async Task<Results<JsonHttpResult<GoldenCase>, ProblemHttpResult>> GoldenCaseAsync(
        long id, MismatchStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.RowAsync(id, cancellationToken) is not { } row)
        {
            return NoSuchMismatch(id);
        }

        var (golden, refusal) = GoldenCaseExport.Of(row);
        if (golden is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This mismatch cannot be a golden case.",
                detail: $"Mismatch {id} cannot be exported: {refusal}");
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{GoldenCaseFile.FileName(golden)}\"";
        return TypedResults.Json(golden, GoldenCaseFile.Options);
    }

    private static ProblemHttpResult NoSuchMismatch(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such mismatch.",
            detail: $"Mismatch {id} does not exist or was dropped by retention (Strangler:Shadow:MismatchRetention).");

    private static async Task<Results<Ok<MismatchDetail>, ProblemHttpResult>> FindAsync(long id, MismatchStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } mismatch
            ? TypedResults.Ok(mismatch)
            : NoSuchMismatch(id);
}
