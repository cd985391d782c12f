using System.Text.Json;
using Strangler.Comparison;
using Strangler.Contracts;
using Strangler.Contracts.Golden;
using Strangler.Facade.Flags;
using Strangler.Facade.Persistence;
using Strangler.Facade.Recording;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// What a mismatch keeps so that it can later become a golden case: the request as the copy was sent,
/// redacted as recordings are; the legacy answer's media type and the headers the rules compare; the
/// rules themselves. Kept when the mismatch is stored, since none of it can be found again afterwards.
/// </summary>
internal sealed class GoldenMaterials(Redaction redaction)
{
    // Each request is sent with its own trace and correlation; a golden case must not replay another's.
    private static readonly HashSet<string> NotKept = new(
        [StranglerHeaders.CorrelationId, StranglerHeaders.DryRun, "traceparent", "tracestate", "baggage", "Request-Id", "Content-Length"],
        StringComparer.OrdinalIgnoreCase);

    /// <param name="request">The copy as it was sent.</param>
    /// <param name="legacy">The legacy side's answer.</param>
    /// <param name="legacyKeptWhole">Whether the mismatch keeps all of that answer (<see cref="MismatchStore.StoredBody"/>): only then can it be the expected one.</param>
    /// <param name="rules">The rules in force.</param>
    public string Of(ShadowRequest request, CapturedResponse legacy, bool legacyKeptWhole, ComparisonRules rules)
    {
        if (request.Body.Length > MismatchRow.MaxStoredBody)
        {
            return Refused($"the request body was {request.Body.Length} bytes, over the {MismatchRow.MaxStoredBody} a golden case keeps.");
        }

        if (!legacyKeptWhole)
        {
            return Refused($"the legacy answer was {legacy.BodyLength} bytes, more than was kept of it, so it cannot be the expected answer.");
        }

        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? contentType = null;
        foreach (var (name, values) in request.Headers)
        {
            if (NotKept.Contains(name) || name.StartsWith("X-Strangler-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = string.Join(", ", values);
            headers[name] = redaction.Header(name, value);
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
        }

        var (text, base64) = request.Body.IsEmpty ? (null, null) : redaction.Body(request.Body, contentType);
        var compared = rules.Headers
            .Where(name => legacy.Headers.ContainsKey(name))
            .ToDictionary(name => name, name => legacy.Headers[name], StringComparer.OrdinalIgnoreCase);
        var material = new GoldenMaterial(
            new GoldenRequest(request.Method, request.Target, headers, text, base64, request.DryRun),
            request.Capability.ServiceCluster, legacy.ContentType, compared, rules, null);
        return JsonSerializer.Serialize(material, FlagStore.Json);
    }

    private static string Refused(string why) => JsonSerializer.Serialize(new GoldenMaterial(null, null, null, null, null, why), FlagStore.Json);
}

/// <summary>The stored form: everything present, or only <see cref="Refusal"/>.</summary>
internal sealed record GoldenMaterial(
    GoldenRequest? Request, string? Service, string? LegacyContentType, IReadOnlyDictionary<string, string>? LegacyHeaders, ComparisonRules? Rules, string? Refusal);
