using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Services.Tests.Fixtures;
using Strangler.Cli;
using Strangler.Contracts;
using Strangler.Contracts.Golden;
using Strangler.GoldenCases;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Services.Tests.GoldenCases;

/// <summary>
/// The whole loop on the real monolith, catalog-service and façade: a mismatch found by shadowing is
/// exported by <c>strangler mismatches export</c>, fails against the service with the very differences
/// the façade found, and passes once the service is fixed. The fault is a real one: the monolith was
/// restored from its backup and the service's copy was not, so the service still has a price the
/// monolith no longer has; the fix is to copy the data again.
/// </summary>
[Collection(SqliteSides.Name)]
public sealed class GoldenCaseLoopTests(SqliteSideBySide sides)
{
    private const string Sku = "SKU-00003";
    private const string SecretCookie = "session=a-secret-session-cookie";

    [Fact]
    public async Task An_exported_mismatch_fails_with_the_found_differences_until_the_service_is_fixed()
    {
        await sides.EnsureFreshAsync();
        sides.Changed();
        await MakeTheServiceStaleAsync();

        await using var facade = await FacadeServer.StartAsync(new FacadeSettings().NewSqliteStore()
            .Cluster("monolith", sides.Monolith.BaseAddress).Cluster("catalog-service", sides.Catalog.BaseAddress).DefaultCluster("monolith")
            .Capability("catalog-read", "monolith", "catalog-service", ("/api/catalog/products", "GET"), ("/api/catalog/products/{**rest}", "GET")));
        await facade.SetAsync("catalog-read", new CapabilityChange(CapabilityMode.Shadow));
        var product = (await sides.Monolith.Client.GetFromJsonAsync<JsonObject>($"/api/catalog/products/by-sku/{Sku}"))!;
        string[] reads = [$"/api/catalog/products/by-sku/{Sku}", $"/api/catalog/products/{product["id"]}", "/api/catalog/products?category=books&pageSize=100"];
        foreach (var target in reads)
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, target);
            read.Headers.Add("Cookie", SecretCookie);
            using var answer = await facade.Client.SendAsync(read);
            Assert.Equal("monolith", answer.Headers.GetValues(StranglerHeaders.ServedBy).Single());
        }

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
            (await facade.Admin.GetFromJsonAsync<List<MismatchSummary>>(AdminRoutes.Mismatches, AdminJson.Options))!.Count == reads.Length));
        var mismatches = (await facade.Admin.GetFromJsonAsync<List<MismatchSummary>>(AdminRoutes.Mismatches, AdminJson.Options))!;

        var folder = TestRun.TempFolder("golden");
        var (exit, printed) = await ExportAsync(facade, "--format", "xunit", folder);
        Assert.True(exit == 0, printed);
        Assert.Contains($"Exported {reads.Length} golden cases of {reads.Length}.", printed, StringComparison.Ordinal);
        using var service = new HttpClient { BaseAddress = sides.Catalog.BaseAddress };
        var settings = new GoldenCaseSettings(new Dictionary<string, Uri>(), null, null, null);
        var cases = new List<GoldenCase>();
        foreach (var mismatch in mismatches)
        {
            var file = Path.Combine(folder, $"catalog-read-mismatch-{mismatch.Id}.json");
            Assert.DoesNotContain("a-secret-session-cookie", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
            var golden = GoldenCaseFile.Read(file);
            var detail = (await facade.Admin.GetFromJsonAsync<MismatchDetail>(AdminRoutes.Mismatch(mismatch.Id), AdminJson.Options))!;
            Assert.Equal(GoldenRequest.Redacted, golden.Request.Headers["Cookie"]);
            Assert.Equal((mismatch.Method, mismatch.Target, "catalog-service"), (golden.Request.Method, golden.Request.Target, golden.Service));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(detail.LegacyBody), JsonNode.Parse(golden.Expected.Text)), golden.Expected.Text);
            Assert.Equal(detail.Differences, golden.Found);
            Assert.Contains(golden.Found, d => d.Where.EndsWith("/price/amount", StringComparison.Ordinal));
            KeepIfAsked(file);

            // Against the stale service: the very differences the façade found.
            Assert.Equal(golden.Found, (await GoldenCaseRunner.RunAsync(golden, service, settings)).Result.Differences);
            var failure = await Assert.ThrowsAsync<GoldenCaseFailedException>(() => GoldenCaseAssert.AnswersAsTheLegacySideDidAsync(golden, service, settings));
            Assert.Contains("/price/amount: ", failure.Message, StringComparison.Ordinal);
            cases.Add(golden);
        }

        // The fix: copy the restored monolith's data to the service again.
        await sides.Catalog.ResetAsync();
        await sides.Catalog.BackfillAsync();

        foreach (var golden in cases)
        {
            Assert.True((await GoldenCaseRunner.RunAsync(golden, service, settings)).Result.Matched, golden.Name);
            await GoldenCaseAssert.AnswersAsTheLegacySideDidAsync(golden, service, settings);
        }
    }

    [Fact]
    public async Task An_export_that_cannot_be_made_says_why_and_writes_nothing()
    {
        await using var facade = await FacadeServer.StartAsync(new FacadeSettings().NewSqliteStore()
            .Cluster("monolith", sides.Monolith.BaseAddress).Cluster("catalog-service", sides.Catalog.BaseAddress).DefaultCluster("monolith")
            .Capability("catalog-read", "monolith", "catalog-service", ("/api/catalog/products/{**rest}", "GET")));
        var folder = TestRun.TempFolder("golden-none");

        var (unknownFormat, formatText) = await ExportAsync(facade, "--format", "nunit", folder);
        Assert.Equal(2, unknownFormat);
        Assert.Contains("nunit", formatText, StringComparison.Ordinal);

        var file = Path.Combine(folder, "a-file");
        await File.WriteAllTextAsync(file, "");
        var (notAFolder, notAFolderText) = await ExportAsync(facade, "--format", "xunit", file);
        Assert.Equal(2, notAFolder);
        Assert.Contains("is a file", notAFolderText, StringComparison.Ordinal);

        var (missing, missingText) = await ExportAsync(facade, "--format", "xunit", "--id", "999", Path.Combine(folder, "cases"));
        Assert.Equal(1, missing);
        Assert.Contains("Skipped mismatch 999: 404 No such mismatch.", missingText, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "cases")));

        using var response = await facade.Admin.GetAsync(AdminRoutes.MismatchGoldenCase(999));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The product's price raised on the monolith and copied to the service; then the monolith restored to its seed, the service's copy not.</summary>
    private async Task MakeTheServiceStaleAsync()
    {
        var product = (await sides.Monolith.Client.GetFromJsonAsync<JsonObject>($"/api/catalog/products/by-sku/{Sku}"))!;
        await CatalogEdits.RaisePriceAsync(sides.Monolith, product);
        await sides.Catalog.CatchUpAsync();
        await sides.Monolith.ResetAsync();
    }

    private static async Task<(int ExitCode, string Output)> ExportAsync(FacadeServer facade, params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StranglerCli.RunAsync(
            ["mismatches", "export", .. arguments, "--url", facade.BaseAddress.ToString(), "--key", FacadeServer.AdminKey], output, error);
        return (exit, output + error.ToString());
    }

    // How the shop's own golden cases (GoldenCases/cases) were made: this test's export, kept.
    private static void KeepIfAsked(string file)
    {
        if (Environment.GetEnvironmentVariable("STRANGLER_GOLDEN_KEEP") is { Length: > 0 } keep)
        {
            File.Copy(file, Path.Combine(Directory.CreateDirectory(keep).FullName, Path.GetFileName(file)), overwrite: true);
        }
    }
}
