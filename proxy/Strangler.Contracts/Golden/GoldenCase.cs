using System.Text.Json;
using Strangler.Comparison;

namespace Strangler.Contracts.Golden;

/// <summary>
/// A shadow mismatch kept as a regression test: the request (secrets redacted), the legacy side's
/// answer as the expected one, and the comparison rules in force when it was found. Run against the
/// service side, it fails with the same JSON-pointer differences until the service answers as the
/// monolith did. One JSON file per case; <see cref="CurrentFormat"/> names the shape.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="Name">What a test report shows, e.g. "catalog-read mismatch 12: GET /api/catalog/products/by-sku/SKU-00003".</param>
/// <param name="Capability">The capability the request belongs to.</param>
/// <param name="Service">The cluster the case runs against: the capability's service side.</param>
/// <param name="Source">Where the case came from.</param>
/// <param name="Request">What to send.</param>
/// <param name="Expected">The legacy side's answer.</param>
/// <param name="Rules">What counts as "the same", learned noise included.</param>
/// <param name="Found">The differences the façade found; the case fails with these until the service is fixed.</param>
public sealed record GoldenCase(
    string Format,
    string Name,
    string Capability,
    string Service,
    GoldenSource Source,
    GoldenRequest Request,
    GoldenAnswer Expected,
    ComparisonRules Rules,
    IReadOnlyList<Difference> Found)
{
    public const string CurrentFormat = "strangler-golden-case/1";

    /// <summary>Why this case cannot be run as it stands, one line each; empty when it can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Format != CurrentFormat)
        {
            problems.Add($"format is '{Format}', expected '{CurrentFormat}'.");
        }

        if (string.IsNullOrWhiteSpace(Service))
        {
            problems.Add("service is empty: it names the cluster to run the case against.");
        }

        if (Request is null || string.IsNullOrWhiteSpace(Request.Method) || Request.Target is null || !Request.Target.StartsWith('/'))
        {
            problems.Add("request needs a method and a target starting with '/'.");
        }
        else if (Request.Body is not null && Request.BodyBase64 is not null)
        {
            problems.Add("request has both body and bodyBase64; keep one.");
        }

        if (Expected is null || Expected.Status is < 100 or > 599)
        {
            problems.Add("expected needs a status from 100 to 599.");
        }
        else if (Expected.Json is not null && Expected.Body is not null)
        {
            problems.Add("expected has both json and body; keep one.");
        }

        if (Rules is null)
        {
            problems.Add("rules are missing.");
        }
        else
        {
            problems.AddRange(Rules.Problems().Select(problem => "rules: " + problem));
        }

        return problems;
    }
}

/// <summary>The mismatch a case was exported from.</summary>
public sealed record GoldenSource(long Mismatch, DateTimeOffset At, string Direction, string? CorrelationId);

/// <summary>
/// The request as the façade forwarded it: method, path and query, the headers that were carried over
/// (each secret one as "[redacted]", which a runner leaves out), and the body as text (JSON, with
/// the recording's redacted fields) or as base64. <see cref="DryRun"/>: the copy was a dry run, so it
/// must be sent as one again.
/// </summary>
public sealed record GoldenRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string? Body, string? BodyBase64, bool DryRun)
{
    public const string Redacted = "[redacted]";
}

/// <summary>
/// The expected answer: the legacy side's status, media type, the headers the rules compare, and its
/// body: as <see cref="Json"/> where it is JSON (so the file reads, and diffs, as JSON), else as text.
/// </summary>
public sealed record GoldenAnswer(int Status, string? ContentType, IReadOnlyDictionary<string, string> Headers, JsonElement? Json, string? Body)
{
    /// <summary>The body as the legacy side sent it (JSON as its text).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Text => Json is { } json ? json.GetRawText() : Body ?? "";

    /// <summary>An answer whose body is kept as JSON when it parses as JSON.</summary>
    public static GoldenAnswer Of(int status, string? contentType, IReadOnlyDictionary<string, string> headers, string body)
    {
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && body.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return new GoldenAnswer(status, contentType, headers, document.RootElement.Clone(), null);
            }
            catch (JsonException)
            {
                // kept as text: the comparer reports the invalid JSON itself
            }
        }

        return new GoldenAnswer(status, contentType, headers, null, body);
    }
}
