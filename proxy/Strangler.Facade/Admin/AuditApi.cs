using Microsoft.AspNetCore.Http.HttpResults;
using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Admin;

/// <summary>The audit history and the manifest's status.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ReadAsync).WithTags("Audit")
            .WithName("ReadAudit").WithSummary("Audited changes, newest first; filter with ?capability=, page size with ?limit= (1 to 1000, default 50).");
        api.MapGet("/manifest", (ManifestSource manifests) => TypedResults.Ok(manifests.Status)).WithTags("Manifest")
            .WithName("GetManifestStatus").WithSummary("The manifest revision being served and the outcome of the last reload.");
        return api;
    }

    private static async Task<Results<Ok<List<AuditEntry>>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        string? capability, string? limit, ManifestSource manifests, FlagStore store, CancellationToken cancellationToken)
    {
        var (take, refusal) = ListQuery.Check(capability, limit, manifests.Current);
        if (refusal is not null)
        {
            return refusal is ValidationProblem validation ? validation : (ProblemHttpResult)refusal;
        }

        return TypedResults.Ok(await store.ReadAuditAsync(capability, take, cancellationToken));
    }
}
