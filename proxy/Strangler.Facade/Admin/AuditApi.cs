using Microsoft.AspNetCore.Http.HttpResults;
using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Manifest;

namespace Strangler.Facade.Admin;

/// <summary>The audit history and the manifest's status.</summary>
internal static class AuditApi
{
    public const int MaxLimit = 1000;

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
        var take = 50;
        if (limit is not null && (!int.TryParse(limit, out take) || take is < 1 or > MaxLimit))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["limit"] = [$"Must be a whole number from 1 to {MaxLimit}; got '{limit}'."] });
        }

        if (capability is not null && manifests.Current.Find(capability) is null)
        {
            return CapabilitiesApi.UnknownCapability(capability, manifests.Current);
        }

        return TypedResults.Ok(await store.ReadAuditAsync(capability, take, cancellationToken));
    }
}
