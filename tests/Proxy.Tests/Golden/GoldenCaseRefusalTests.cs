using System.Text;
using Microsoft.Extensions.Configuration;
using Strangler.Comparison;
using Strangler.Contracts.Golden;
using Strangler.Facade.Persistence;
using Strangler.Facade.Recording;
using Strangler.Facade.Settings;
using Strangler.Facade.Shadowing;
using Testing.Infrastructure;

namespace Proxy.Tests.Golden;

/// <summary>
/// What cannot be a golden case says why instead of becoming a wrong one, and a case file that is not
/// one is refused naming the file and every problem: a regression test must never pass by accident.
/// </summary>
public sealed class GoldenCaseRefusalTests
{
    private static readonly Capability CatalogRead = ManifestReader.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Strangler:DefaultCluster"] = "monolith",
        ["Strangler:Clusters:monolith:Destinations:0"] = "http://127.0.0.1:9/",
        ["Strangler:Clusters:catalog-service:Destinations:0"] = "http://127.0.0.1:9/",
        ["Strangler:Capabilities:catalog-read:Routes:0:Path"] = "/api/catalog/{**rest}",
        ["Strangler:Capabilities:catalog-read:Legacy"] = "monolith",
        ["Strangler:Capabilities:catalog-read:Service"] = "catalog-service",
    }).Build()).Find("catalog-read")!;

    private static readonly GoldenMaterials Materials = new(new Redaction(
        RecordingOptions.FromConfiguration(new ConfigurationBuilder().Build(), TestRun.TempFolder("golden-redaction"))));

    [Fact]
    public void A_legacy_answer_kept_only_in_part_is_not_made_an_expected_answer()
    {
        var request = new ShadowRequest(CatalogRead, ShadowDirection.ToService, "GET", "/api/catalog/products?pageSize=100", [], ReadOnlyMemory<byte>.Empty, DryRun: false);
        var big = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("\"x\"", 10_000)) + "]");
        var legacy = new CapturedResponse(200, new Dictionary<string, string>(), "application/json", big, big.Length);

        var (golden, refusal) = GoldenCaseExport.Of(Row(Materials.Of(request, legacy, MismatchStore.StoredBody(legacy).Whole, ComparisonRules.Strict)));

        Assert.Null(golden);
        Assert.Contains("more than was kept of it", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_body_over_the_kept_size_is_refused_and_secrets_never_reach_the_case()
    {
        var body = Encoding.UTF8.GetBytes(new string('a', MismatchRow.MaxStoredBody + 1));
        var request = new ShadowRequest(CatalogRead, ShadowDirection.ToService, "POST", "/api/catalog/x", [new("Content-Type", ["text/plain"])], body, DryRun: true);
        var (golden, refusal) = GoldenCaseExport.Of(Row(Materials.Of(request, CapturedResponse.Of(200, "application/json", "{}"), legacyKeptWhole: true, ComparisonRules.Strict)));
        Assert.Null(golden);
        Assert.Contains("request body", refusal, StringComparison.Ordinal);

        var withSecrets = new ShadowRequest(CatalogRead, ShadowDirection.ToService, "GET", "/api/catalog/products", [
            new("Authorization", ["Bearer eyJ.secret.token"]), new("Cookie", ["session=s3cret"]), new("X-Api-Key", ["k3y"]),
            new("traceparent", ["00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"]), new("Accept", ["application/json"])],
            ReadOnlyMemory<byte>.Empty, DryRun: false);
        var kept = GoldenCaseExport.Of(Row(Materials.Of(withSecrets, CapturedResponse.Of(200, "application/json", "{}"), legacyKeptWhole: true, ComparisonRules.Strict))).Case!;
        Assert.Equal(GoldenRequest.Redacted, kept.Request.Headers["Authorization"]);
        Assert.Equal(GoldenRequest.Redacted, kept.Request.Headers["Cookie"]);
        Assert.Equal(GoldenRequest.Redacted, kept.Request.Headers["X-Api-Key"]);
        Assert.False(kept.Request.Headers.ContainsKey("traceparent"));
        Assert.Equal("application/json", kept.Request.Headers["Accept"]);
    }

    [Fact]
    public void A_mismatch_stored_before_golden_cases_were_kept_says_so()
    {
        var (golden, refusal) = GoldenCaseExport.Of(Row(null));
        Assert.Null(golden);
        Assert.Contains("stored before", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "is not a golden case")]
    [InlineData("""{"format":"something/2","name":"n","capability":"c","service":"s","source":{"mismatch":1,"at":"2026-01-01T00:00:00Z","direction":"shadow"},"request":{"method":"GET","target":"/x","headers":{}},"expected":{"status":200,"headers":{}},"rules":{"ignorePaths":[],"unorderedArrays":[],"numericTolerance":0,"normalizeTimes":false,"timePrecision":"00:00:00.001","caseInsensitivePaths":[],"headers":[],"maxJsonBytes":1024},"found":[]}""", "format is 'something/2'")]
    [InlineData("""{"format":"strangler-golden-case/1","name":"n","capability":"c","service":"","source":{"mismatch":1,"at":"2026-01-01T00:00:00Z","direction":"shadow"},"request":{"method":"GET","target":"x","headers":{}},"expected":{"status":99,"headers":{}},"rules":{"ignorePaths":["$$$"],"unorderedArrays":[],"numericTolerance":0,"normalizeTimes":false,"timePrecision":"00:00:00.001","caseInsensitivePaths":[],"headers":[],"maxJsonBytes":1024},"found":[]}""", "service is empty")]
    public void A_file_that_is_not_a_runnable_case_is_refused_naming_the_file_and_the_problem(string text, string problem)
    {
        var file = Path.Combine(TestRun.TempFolder("golden-bad"), "case.json");
        File.WriteAllText(file, text);

        var refusal = Assert.Throws<InvalidDataException>(() => GoldenCaseFile.Read(file));
        Assert.Contains(file, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(problem, refusal.Message, StringComparison.Ordinal);
    }

    private static MismatchRow Row(string? golden) => new()
    {
        Id = 7, At = DateTimeOffset.UnixEpoch, Capability = "catalog-read", Method = "GET", Target = "/api/catalog/products", Direction = "shadow",
        LegacyStatus = 200, CandidateStatus = 200, LegacyBody = "{}", CandidateBody = "{}", DifferenceCount = 0, FirstDifference = "", Differences = "[]", Golden = golden,
    };
}
