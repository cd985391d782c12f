using System.Text.Json;
using Strangler.Comparison;
using Strangler.Contracts.Golden;
using Strangler.Facade.Flags;
using Strangler.Facade.Persistence;

namespace Strangler.Facade.Shadowing;

/// <summary>One stored mismatch as a golden case, or why it cannot be one.</summary>
internal static class GoldenCaseExport
{
    public static (GoldenCase? Case, string? Refusal) Of(MismatchRow row)
    {
        if (row.Golden is null)
        {
            return (null, "it was stored before this façade kept what a golden case needs (the request and the rules in force).");
        }

        var material = JsonSerializer.Deserialize<GoldenMaterial>(row.Golden, FlagStore.Json);
        if (material?.Refusal is { } refusal || material?.Request is null || material.Rules is null || material.Service is null)
        {
            return (null, material?.Refusal ?? "what was kept of it is incomplete.");
        }

        var found = JsonSerializer.Deserialize<List<Difference>>(row.Differences, FlagStore.Json) ?? [];
        return (new GoldenCase(
            GoldenCase.CurrentFormat,
            $"{row.Capability} mismatch {row.Id}: {row.Method} {row.Target}",
            row.Capability,
            material.Service,
            new GoldenSource(row.Id, row.At, row.Direction, row.CorrelationId),
            material.Request,
            GoldenAnswer.Of(row.LegacyStatus, material.LegacyContentType, material.LegacyHeaders ?? new Dictionary<string, string>(), row.LegacyBody),
            material.Rules,
            found), null);
    }
}
