using Strangler.Facade.Settings;

namespace Strangler.Facade.Admin;

/// <summary>The query every admin list takes: <c>?capability=</c> (must be in the manifest) and <c>?limit=</c> (1 to 1000, default 50).</summary>
internal static class ListQuery
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 50;

    /// <summary>The page size, or the problem that refuses the query.</summary>
    public static (int Take, IResult? Refusal) Check(string? capability, string? limit, CapabilityManifest manifest)
    {
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out take) || take is < 1 or > MaxLimit))
        {
            return (0, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["limit"] = [$"Must be a whole number from 1 to {MaxLimit}; got '{limit}'."] }));
        }

        return capability is not null && manifest.Find(capability) is null
            ? (0, CapabilitiesApi.UnknownCapability(capability, manifest))
            : (take, null);
    }
}
