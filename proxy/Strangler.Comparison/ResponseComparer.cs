using System.Security.Cryptography;
using System.Text.Json;

namespace Strangler.Comparison;

/// <summary>
/// Compares a legacy answer with a candidate's: status, the headers the rules name, and the bodies:
/// JSON by structure under the rules, anything else by bytes. Every difference is listed; nothing
/// about either answer makes it throw. Build one per rule set and share it: it is thread-safe.
/// </summary>
public sealed class ResponseComparer
{
    private readonly ComparisonRules _rules;
    private readonly JsonComparer _json;

    /// <exception cref="ArgumentException">A rule's path is not a valid JSON path.</exception>
    public ResponseComparer(ComparisonRules rules)
    {
        var problems = rules.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The comparison rules are not valid: " + string.Join("; ", problems), nameof(rules));
        }

        _rules = rules;
        _json = new JsonComparer(rules);
    }

    public ComparisonRules Rules => _rules;

    public ComparisonResult Compare(CapturedResponse legacy, CapturedResponse candidate)
    {
        var differences = new List<Difference>();
        if (legacy.Status != candidate.Status)
        {
            differences.Add(new Difference(DifferenceKind.Status, "status",
                legacy.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                candidate.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        foreach (var header in _rules.Headers)
        {
            var left = HeaderValue(legacy, header);
            var right = HeaderValue(candidate, header);
            if (!string.Equals(left, right, StringComparison.Ordinal))
            {
                differences.Add(new Difference(DifferenceKind.Header, header, left, right));
            }
        }

        var leftType = MediaType(legacy.ContentType);
        var rightType = MediaType(candidate.ContentType);
        if (!string.Equals(leftType, rightType, StringComparison.Ordinal))
        {
            differences.Add(new Difference(DifferenceKind.ContentType, "content-type", legacy.ContentType, candidate.ContentType));
        }

        CompareBodies(legacy, candidate, IsJson(leftType) && IsJson(rightType), differences);
        return new ComparisonResult(differences);
    }

    private void CompareBodies(CapturedResponse legacy, CapturedResponse candidate, bool json, List<Difference> differences)
    {
        if (legacy.BodyLength == 0 && candidate.BodyLength == 0)
        {
            return;
        }

        if (json && Parsable(legacy) && Parsable(candidate))
        {
            var left = TryParse(legacy, out var leftError);
            var right = TryParse(candidate, out var rightError);
            using (left)
            using (right)
            {
                if (left is not null && right is not null)
                {
                    _json.Compare(left.RootElement, right.RootElement, [], differences);
                    return;
                }

                if (left is null ^ right is null)
                {
                    differences.Add(new Difference(DifferenceKind.InvalidJson, "", leftError, rightError));
                    return;
                }
            }
        }

        var leftSummary = Summary(legacy);
        var rightSummary = Summary(candidate);
        if (!string.Equals(leftSummary, rightSummary, StringComparison.Ordinal))
        {
            differences.Add(new Difference(DifferenceKind.Bytes, "", leftSummary, rightSummary));
        }
    }

    // Too large to parse, or only a capped prefix was kept: compare by hash instead.
    private bool Parsable(CapturedResponse answer) => answer.BodyLength <= _rules.MaxJsonBytes && answer.Body.Length == answer.BodyLength;

    private static JsonDocument? TryParse(CapturedResponse answer, out string? error)
    {
        error = null;
        try
        {
            return JsonDocument.Parse(answer.Body, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException exception)
        {
            error = answer.BodyLength == 0 ? "empty body" : exception.Message;
            return null;
        }
    }

    private static string Summary(CapturedResponse answer)
    {
        var hash = answer.BodySha256 ?? (answer.Body.Length == answer.BodyLength
            ? Convert.ToHexStringLower(SHA256.HashData(answer.Body.Span))
            : "unknown (body cut at " + answer.Body.Length + " bytes)");
        return $"{answer.BodyLength} bytes, sha256 {hash}";
    }

    private static string? HeaderValue(CapturedResponse answer, string name)
    {
        foreach (var (key, value) in answer.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string? MediaType(string? contentType) =>
        contentType?.Split(';', 2)[0].Trim().ToLowerInvariant() is { Length: > 0 } media ? media : null;

    private static bool IsJson(string? mediaType) =>
        mediaType is "application/json" || mediaType?.EndsWith("+json", StringComparison.Ordinal) == true;
}
