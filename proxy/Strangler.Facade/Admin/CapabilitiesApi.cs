using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Admin;

/// <summary>The admin API over capabilities: list them with their state, read one, change one (audited).</summary>
internal static class CapabilitiesApi
{
    public static RouteGroupBuilder MapCapabilitiesApi(this RouteGroupBuilder api)
    {
        var capabilities = api.MapGroup("/capabilities").WithTags("Capabilities");
        capabilities.MapGet("/", List)
            .WithName("ListCapabilities").WithSummary("Every capability of the manifest with its mode, targets and the health of both sides.");
        capabilities.MapGet("/{name}", Get)
            .WithName("GetCapability").WithSummary("One capability with its state.");
        capabilities.MapPatch("/{name}", ChangeAsync)
            .WithName("ChangeCapability")
            .WithSummary("Changes mode, percentage, users or groups; omitted fields keep their value. Takes effect on every replica within the poll interval.")
            .WithDescription("Body: a CapabilityChange as JSON, e.g. {\"mode\":\"Canary\",\"percentage\":10,\"users\":[\"alice\"],\"reason\":\"first canary\"}. " +
                "The body is read by the handler rather than bound, so that every invalid field is named in one 400 problem.");
        return api;
    }

    private static Ok<List<CapabilityView>> List(ManifestSource manifests, CapabilityStates states, CapabilityViews views)
    {
        var snapshot = states.Current;
        return TypedResults.Ok(manifests.Current.Capabilities
            .Select(capability => views.Create(capability, snapshot.Find(capability.Name) ?? StoredState.Initial(capability.InitialState)))
            .ToList());
    }

    private static Results<Ok<CapabilityView>, ProblemHttpResult> Get(string name, ManifestSource manifests, CapabilityStates states, CapabilityViews views)
    {
        if (manifests.Current.Find(name) is not { } capability)
        {
            return UnknownCapability(name, manifests.Current);
        }

        return TypedResults.Ok(views.Create(capability, states.Current.Find(name) ?? StoredState.Initial(capability.InitialState)));
    }

    private static async Task<Results<Ok<CapabilityView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string name,
        HttpRequest request,
        ClaimsPrincipal user,
        ManifestSource manifests,
        FlagStore store,
        CapabilityStateChanges changes,
        CapabilityViews views,
        CancellationToken cancellationToken)
    {
        if (manifests.Current.Find(name) is not { } capability)
        {
            return UnknownCapability(name, manifests.Current);
        }

        var (change, errors) = await ChangeReader.ReadAsync(request, cancellationToken);
        if (change is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The change is not valid; nothing was changed.");
        }

        var current = await store.FindAsync(name, cancellationToken) ?? StoredState.Initial(capability.InitialState);
        if (change.ExpectedVersion is { } expected && expected != current.Version)
        {
            return Conflict(name, expected, current.Version);
        }

        var next = new CapabilityState(
            change.Mode ?? current.State.Mode,
            change.Percentage ?? current.State.Percentage,
            change.Users ?? current.State.Users,
            change.Groups ?? current.State.Groups);
        if (next.Equals(current.State))
        {
            return TypedResults.Ok(views.Create(capability, current));
        }

        var who = user.Identity?.Name ?? "unknown";
        if (await changes.ApplyAsync(name, current, next, who, change.Reason!.Trim(), LogLevel.Information, cancellationToken) is not { } saved)
        {
            return Conflict(name, current.Version, null);
        }

        return TypedResults.Ok(views.Create(capability, saved));
    }

    internal static ProblemHttpResult UnknownCapability(string name, CapabilityManifest manifest) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such capability.",
            detail: $"'{name}' is not in the manifest. Known capabilities: {string.Join(", ", manifest.Capabilities.Select(c => c.Name))}.");

    private static ProblemHttpResult Conflict(string name, long expected, long? actual) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The capability was changed meanwhile; nothing was changed.",
            detail: actual is null
                ? $"'{name}' was changed by someone else while this change was being saved. Read it again and retry."
                : $"'{name}' is at version {actual}, not {expected}. Read it again and retry.");
}
