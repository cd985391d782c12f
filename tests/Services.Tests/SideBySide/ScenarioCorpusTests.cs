using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Services.Tests.Fixtures;
using Strangler.Cli;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Services.Tests.SideBySide;

/// <summary>
/// The docs' scenario corpus replayed with <c>strangler compare</c> against the real monolith and
/// the real services on the same seeded data, with the rules of the façade's shipped manifest:
/// reads as they are, writes as dry runs. Then proof that the comparison catches a real difference,
/// at its path, and that noise is ignored only where a rule says so.
/// </summary>
public abstract partial class ScenarioCorpusTests(SideBySideFixture sides) : SideBySideTests(sides)
{
    private static readonly string Root = RepositoryRoot.Path;
    private static readonly string Rules = Path.Combine(Root, "proxy", "Strangler.Facade", "appsettings.json");

    private async Task<(int Exit, string Output, JsonNode Report)> CompareAsync(ServiceServer candidate, string scenario, bool withRules = true)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var report = TestRun.TempFolder("report");
        List<string> args =
        [
            "compare", "--legacy", Systems.Monolith.BaseAddress.ToString(), "--candidate", candidate.BaseAddress.ToString(),
            "--requests", Path.Combine(Root, "docs", "scenarios", scenario), "--dry-run-secret", ServiceServer.DryRunSecret,
            "--report", report, "--parallel", "1",
        ];
        if (withRules)
        {
            args.AddRange(["--rules", Rules]);
        }

        var exit = await StranglerCli.RunAsync([.. args], output, error);
        return (exit, output + error.ToString(), JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(report, "report.json")))!);
    }

    /// <summary>Every differing place the report names for the request to <paramref name="path"/>.</summary>
    private static List<string> DifferencesAt(JsonNode report, string method, string path) =>
        report["results"]!.AsArray()
            .Where(r => (string)r!["method"]! == method && (string)r["path"]! == path)
            .SelectMany(r => r!["differences"]!.AsArray().Select(d => (string)d!["where"]!))
            .ToList();

    [Fact]
    public async Task The_catalog_corpus_finds_no_mismatch_between_the_monolith_and_catalog_service()
    {
        var (exit, output, _) = await CompareAsync(Systems.Catalog, "catalog.jsonl");

        Assert.True(exit == 0, output);
        Assert.Matches(TotalLine(7, 7), output);
    }

    [Fact]
    public async Task The_ordering_corpus_with_its_writes_as_dry_runs_finds_no_mismatch_and_changes_nothing()
    {
        var ordersBefore = await Systems.Ordering.ScalarAsync("SELECT COUNT(*) FROM {table}", "Orders");
        var stockBefore = (int)(await ProductAsync("SKU-00002"))["stockOnHand"]!;

        var (exit, output, _) = await CompareAsync(Systems.Ordering, "ordering.jsonl");

        Assert.True(exit == 0, output);
        Assert.Matches(TotalLine(10, 10), output);
        Assert.Equal(ordersBefore, await Systems.Ordering.ScalarAsync("SELECT COUNT(*) FROM {table}", "Orders"));
        Assert.Equal(stockBefore, (int)(await ProductAsync("SKU-00002"))["stockOnHand"]!);
        await Data.Reconcile.AssertInStepAsync(Systems.Monolith, Systems.Ordering);
    }

    [Fact]
    public async Task A_price_that_drifted_in_the_service_is_reported_at_its_path()
    {
        await Systems.Catalog.ScalarAsync("UPDATE {table} SET \"PriceMinor\" = \"PriceMinor\" + 1 WHERE \"Sku\" = 'SKU-00001'", "Products");

        var (exit, output, report) = await CompareAsync(Systems.Catalog, "catalog.jsonl");

        Assert.Equal(1, exit);
        Assert.Contains("/api/catalog/products/by-sku/SKU-00001", output, StringComparison.Ordinal);
        Assert.Equal(["/price/amount"], DifferencesAt(report, "GET", "/api/catalog/products/by-sku/SKU-00001"));
    }

    [Fact]
    public async Task What_each_dry_run_makes_anew_is_ignored_only_because_the_manifest_says_so()
    {
        var (exit, _, report) = await CompareAsync(Systems.Ordering, "ordering.jsonl", withRules: false);

        Assert.Equal(1, exit);
        var placed = report["results"]!.AsArray().First(r => (int?)r!["legacyStatus"] == 201)!;
        var paths = placed["differences"]!.AsArray().Select(d => (string)d!["where"]!).ToList();
        Assert.Equal(["/id", "/paymentId", "/placedAt"], paths.Order(StringComparer.Ordinal));
    }

    private static Regex TotalLine(int requests, int matched) => new($@"TOTAL\s+{requests}\s+{matched}\s+0\s+0");
}

[Collection(SqliteSides.Name)]
public sealed class ScenarioCorpusOnSqlite(SqliteSideBySide sides) : ScenarioCorpusTests(sides);

[Collection(PostgresSides.Name)]
public sealed class ScenarioCorpusOnPostgres(PostgresSideBySide sides) : ScenarioCorpusTests(sides);
