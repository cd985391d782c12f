using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Strangler.Comparison;
using Strangler.Contracts;
using Strangler.Facade.Shadowing;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Shadowing;

/// <summary>Shadow traffic: the monolith answers, a copy goes to the other side, and the two answers are compared.</summary>
[Collection(ShopsSideBySide.Name)]
public sealed class ShadowTests(ShadowFixture fixture) : IAsyncLifetime
{
    private FacadeServer Facade => fixture.Facade;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reads_are_copied_and_match_when_both_sides_answer_alike()
    {
        await ShadowAsync("catalog-read");
        var before = await StatsAsync("catalog-read");
        string[] paths =
        [
            "/api/catalog/products?pageSize=5", "/api/catalog/products?sort=-price&pageSize=3", "/api/catalog/products/by-sku/SKU-00002",
            "/api/catalog/products/by-sku/NO-SUCH-SKU", "/api/catalog/products?pageSize=500",
        ];
        foreach (var path in paths)
        {
            using var response = await Facade.Client.GetAsync(path);
            Assert.Equal("monolith", response.Headers.GetValues(StranglerHeaders.ServedBy).Single());
        }

        var after = await SettledAsync("catalog-read", before, paths.Length);
        var mismatches = await MismatchesAsync("catalog-read");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches.Select(m => $"{m.Target}: {m.DifferenceCount} {m.FirstDifference}")));
        Assert.Equal(paths.Length, after.Matched - before.Matched);
    }

    [Fact]
    public async Task A_planted_difference_is_reported_at_the_right_path_with_both_values()
    {
        await ShadowAsync("catalog-read");
        var product = (await fixture.Candidate.Client.GetFromJsonAsync<JsonNode>("/api/catalog/products/by-sku/SKU-00003"))!;
        var legacyAmount = (decimal)product["price"]!["amount"]!;
        var update = await fixture.Candidate.Admin.PutAsJsonAsync($"/api/catalog/products/{product["id"]}", new
        {
            name = (string?)product["name"],
            description = (string?)product["description"],
            category = (string?)product["category"],
            price = new { amount = legacyAmount + 0.01m, currency = (string?)product["price"]!["currency"] },
            version = (long)product["version"]!,
        });
        update.EnsureSuccessStatusCode();
        var before = await StatsAsync("catalog-read");

        using var response = await Facade.Client.GetAsync("/api/catalog/products/by-sku/SKU-00003");
        Assert.Equal(legacyAmount, (decimal)(await response.Content.ReadFromJsonAsync<JsonNode>())!["price"]!["amount"]!);

        await SettledAsync("catalog-read", before, 1);
        var summary = Assert.Single(await MismatchesAsync("catalog-read"));
        Assert.Equal("/api/catalog/products/by-sku/SKU-00003", summary.Target);
        Assert.Equal("shadow", summary.Direction);
        var detail = (await Facade.Admin.GetFromJsonAsync<MismatchDetail>(AdminRoutes.Mismatch(summary.Id), AdminJson.Options))!;
        var price = Assert.Single(detail.Differences, d => d.Where == "/price/amount");
        Assert.Equal(DifferenceKind.Value, price.Kind);
        Assert.Equal(legacyAmount, decimal.Parse(price.Legacy!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(legacyAmount + 0.01m, decimal.Parse(price.Candidate!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(detail.Differences, d => d.Where == "/version");
        Assert.Contains("SKU-00003", detail.LegacyBody);
        Assert.Contains("SKU-00003", detail.CandidateBody);

        var list = await CliAsync("mismatches", "-c", "catalog-read");
        Assert.Matches($@"{summary.Id}\s.*catalog-read\s+shadow\s+GET /api/catalog/products/by-sku/SKU-00003\s+200->200", list);
        var shown = await CliAsync("mismatch", summary.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bodies");
        Assert.Matches(@"Value\s+/price/amount\s+" + System.Text.RegularExpressions.Regex.Escape(price.Legacy!) + @"\s+" + System.Text.RegularExpressions.Regex.Escape(price.Candidate!), shown);
        Assert.Contains("--- candidate", shown);
        var show = await CliAsync("show", "catalog-read");
        Assert.Matches(@"shadow\s+compared \d+, matched \d+, mismatched [1-9]", show);
    }

    private async Task<string> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Strangler.Cli.StranglerCli.RunAsync([.. args, "--url", Facade.BaseAddress.ToString(), "--key", FacadeServer.AdminKey], output, error);
        Assert.True(exit == 0, $"strangler {string.Join(' ', args)} exited {exit}: {error}");
        return output.ToString();
    }

    [Fact]
    public async Task A_noisy_field_counts_unless_a_rule_or_learned_noise_says_it_does_not()
    {
        await ShadowAsync("order-lookup");
        await ShadowAsync("customer-orders");
        await ShadowAsync("catalog-read");

        var unruledBefore = await StatsAsync("order-lookup");
        var learnedBefore = await StatsAsync("customer-orders");
        var ruledBefore = await StatsAsync("catalog-read");

        // Every problem answer carries a fresh traceId: noise that only rules or learning can tell from a real difference.
        await Facade.Client.GetAsync($"/api/orders/{Guid.NewGuid()}");
        await Facade.Client.GetAsync("/api/customers/not-a-guid/orders");
        await Facade.Client.GetAsync("/api/catalog/products/by-sku/NO-SUCH-SKU");

        var unruled = await SettledAsync("order-lookup", unruledBefore, 1);
        var learned = await SettledAsync("customer-orders", learnedBefore, 1);
        var ruled = await SettledAsync("catalog-read", ruledBefore, 1);
        Assert.Equal(1, unruled.Mismatched - unruledBefore.Mismatched);
        Assert.StartsWith("Value /traceId: ", Assert.Single(await MismatchesAsync("order-lookup")).FirstDifference);
        Assert.Equal(1, learned.Matched - learnedBefore.Matched);
        Assert.Contains("$.traceId", learned.LearnedNoise);
        Assert.Equal(1, ruled.Matched - ruledBefore.Matched);
    }

    [Fact]
    public async Task A_slow_or_failing_shadow_side_never_changes_or_fails_the_primary()
    {
        await ShadowAsync("categories");
        var before = await StatsAsync("categories");
        fixture.StandIn.Delay = TimeSpan.FromSeconds(5); // far beyond the capability's 1 s shadow timeout, however loaded the machine
        var direct = await fixture.Legacy.Client.GetStringAsync("/api/catalog/categories");

        const int requests = 40;
        for (var i = 0; i < requests; i++)
        {
            using var response = await Facade.Client.GetAsync("/api/catalog/categories");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(direct, await response.Content.ReadAsStringAsync());
        }

        var after = await SettledAsync("categories", before, requests, includeFailures: true);
        Assert.True(after.Dropped - before.Dropped > 0, "With one worker, a queue of 8 and a shadow side slower than the 1 s timeout, some copies must be dropped.");
        Assert.True(after.Errors - before.Errors > 0, "Copies that time out must be counted as errors.");
        Assert.Equal(0, after.Compared - before.Compared);

        fixture.StandIn.Delay = TimeSpan.Zero;
        fixture.StandIn.FailWith = 500;
        using var failing = await Facade.Client.GetAsync("/api/catalog/categories");
        Assert.Equal(direct, await failing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Writes_are_copied_only_as_dry_runs_carrying_the_shared_secret_and_compared_once_acknowledged()
    {
        await ShadowAsync("ordering-writes");
        await ShadowAsync("catalog-write");
        fixture.StandIn.HonourDryRunsWith = ShadowFixture.DryRunSecret;
        var writesBefore = await StatsAsync("ordering-writes");
        var customerId = Guid.NewGuid();
        var received = fixture.StandIn.ReceivedHeaders.Count;

        using var order = await Facade.Client.PostAsJsonAsync("/api/orders", new { customerId, lines = new[] { new { sku = "SKU-00001", quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        var after = await SettledAsync("ordering-writes", writesBefore, 1);
        Assert.Equal((0L, false), (after.DryRunsNotHonoured, after.WriteCopiesStopped));

        var copy = fixture.StandIn.ReceivedHeaders.Skip(received).Single();
        Assert.Equal(ShadowFixture.DryRunSecret, copy[StranglerHeaders.DryRun]);
        var orders = await fixture.Legacy.Client.GetFromJsonAsync<JsonNode>($"/api/customers/{customerId}/orders");
        Assert.Single(orders!["items"]!.AsArray());

        var skippedBefore = await StatsAsync("catalog-write");
        using var product = await Facade.Client.PostAsJsonAsync("/api/catalog/products", new { sku = "NEW-1" });
        var skipped = await StatsAsync("catalog-write");
        Assert.Equal(skippedBefore.Skipped + 1, skipped.Skipped);
        Assert.Equal(1, skipped.SkippedBecause![ShadowReasons.WriteNotDryRun] - skippedBefore.SkippedBecause!.GetValueOrDefault(ShadowReasons.WriteNotDryRun));
        Assert.Equal(received + 1, fixture.StandIn.ReceivedHeaders.Count);
    }

    [Fact]
    public async Task A_dry_run_answered_without_acknowledgement_is_a_finding_and_stops_write_copies_until_resumed()
    {
        await ShadowAsync("ordering-writes");
        var before = await StatsAsync("ordering-writes");
        var received = fixture.StandIn.ReceivedHeaders.Count;

        // The stand-in ignores the marker, as a system that knows nothing of dry runs would.
        using (var first = await PlaceOrderAsync())
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        ComparisonStats stats = before;
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => (stats = await StatsAsync("ordering-writes")).DryRunsNotHonoured > before.DryRunsNotHonoured, TimeSpan.FromMilliseconds(50)), stats.ToString());
        Assert.True(stats.WriteCopiesStopped);
        Assert.Equal((before.Compared, 0L), (stats.Compared, stats.Pending));

        using (var second = await PlaceOrderAsync())
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        stats = await StatsAsync("ordering-writes");
        Assert.Equal(1, stats.SkippedBecause!.GetValueOrDefault(ShadowReasons.WritesStopped) - before.SkippedBecause!.GetValueOrDefault(ShadowReasons.WritesStopped));
        Assert.Equal(received + 1, fixture.StandIn.ReceivedHeaders.Count);
        Assert.Contains("DRY RUNS NOT HONOURED", await CliAsync("show", "ordering-writes"), StringComparison.Ordinal);

        Assert.Contains("Write copies of ordering-writes resumed", await CliAsync("resume-writes", "ordering-writes"), StringComparison.Ordinal);
        fixture.StandIn.HonourDryRunsWith = ShadowFixture.DryRunSecret;
        var resumed = await StatsAsync("ordering-writes");
        using (var third = await PlaceOrderAsync())
        {
            Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        }

        stats = await SettledAsync("ordering-writes", resumed, 1);
        Assert.False(stats.WriteCopiesStopped);
        Assert.Equal(received + 2, fixture.StandIn.ReceivedHeaders.Count);
    }

    [Theory]
    [InlineData("POST", "/api/orders", "a-wrong-secret-of-enough-length")]
    [InlineData("POST", "/api/orders", "")]
    [InlineData("GET", "/elsewhere", "a-wrong-secret-of-enough-length")]
    public async Task A_dry_run_marker_from_outside_without_the_secret_is_refused_and_never_forwarded(string method, string path, string secret)
    {
        var customerId = Guid.NewGuid();
        var received = fixture.StandIn.ReceivedHeaders.Count;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { customerId, lines = new[] { new { sku = "SKU-00001", quantity = 1 } } });
        }

        request.Headers.TryAddWithoutValidation(StranglerHeaders.DryRun, secret);
        using var response = await Facade.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Dry run refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var orders = await fixture.Legacy.Client.GetFromJsonAsync<JsonNode>($"/api/customers/{customerId}/orders");
        Assert.Empty(orders!["items"]!.AsArray());
        Assert.Equal(received, fixture.StandIn.ReceivedHeaders.Count);
    }

    private Task<HttpResponseMessage> PlaceOrderAsync() =>
        Facade.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku = "SKU-00001", quantity = 1 } } });

    [Fact]
    public async Task In_service_mode_the_monolith_is_shadowed_in_reverse()
    {
        await Facade.SetAsync("categories", new CapabilityChange(CapabilityMode.Service));
        var before = await StatsAsync("categories");
        using var response = await Facade.Client.GetAsync("/api/catalog/categories");
        Assert.Equal("stand-in", response.Headers.GetValues(StranglerHeaders.ServedBy).Single());

        await SettledAsync("categories", before, 1);
        var mismatch = Assert.Single(await MismatchesAsync("categories"));
        Assert.Equal("reverse-shadow", mismatch.Direction);
        var detail = (await Facade.Admin.GetFromJsonAsync<MismatchDetail>(AdminRoutes.Mismatch(mismatch.Id), AdminJson.Options))!;
        Assert.Contains("stand-in", detail.CandidateBody);
        Assert.DoesNotContain("stand-in", detail.LegacyBody);
    }

    [Fact]
    public async Task Stored_mismatches_are_kept_up_to_the_retention_newest_first()
    {
        await ShadowAsync("categories");
        var before = await StatsAsync("categories");
        for (var i = 0; i < ShadowFixture.Retention + 3; i++)
        {
            await Facade.Client.GetAsync($"/api/catalog/categories?i={i}");
            await SettledAsync("categories", before, i + 1);
        }

        var kept = await MismatchesAsync("categories");
        Assert.Equal(ShadowFixture.Retention, kept.Count);
        Assert.Equal("/api/catalog/categories?i=7", kept[0].Target);
        Assert.Equal(kept.OrderByDescending(m => m.Id).Select(m => m.Id), kept.Select(m => m.Id));
    }

    [Fact]
    public async Task Unknown_mismatches_and_capabilities_get_404_problems()
    {
        using var missing = await Facade.Admin.GetAsync(AdminRoutes.Mismatch(987654));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var unknown = await Facade.Admin.GetAsync(AdminRoutes.Comparison("payments"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var badLimit = await Facade.Admin.GetAsync(AdminRoutes.Mismatches + "?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    private Task ShadowAsync(string capability) => Facade.SetAsync(capability, new CapabilityChange(CapabilityMode.Shadow));

    [Fact]
    public async Task A_copy_is_pending_from_before_its_primary_answers_and_show_settle_waits_for_its_outcome()
    {
        await ShadowAsync("categories");
        var before = await StatsAsync("categories");
        fixture.StandIn.Delay = TimeSpan.FromSeconds(5); // the copy can only end by the capability's 1 s shadow timeout
        using (var response = await Facade.Client.GetAsync("/api/catalog/categories"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Strangler.Cli.StranglerCli.RunAsync(
            ["show", "categories", "--settle", "60", "--url", Facade.BaseAddress.ToString(), "--key", FacadeServer.AdminKey], output, error);

        Assert.True(exit == 0, error.ToString());
        var after = await StatsAsync("categories");
        Assert.Equal((0, 1L), (after.Pending, after.Errors - before.Errors));
        Assert.Contains($"errors {after.Errors}, dropped {after.Dropped}, skipped {after.Skipped} (this replica", output.ToString(), StringComparison.Ordinal);
        fixture.StandIn.Delay = TimeSpan.Zero;
    }

    private async Task<ComparisonStats> StatsAsync(string capability) =>
        (await Facade.Admin.GetFromJsonAsync<ComparisonStats>(AdminRoutes.Comparison(capability), AdminJson.Options))!;

    private async Task<List<MismatchSummary>> MismatchesAsync(string capability) =>
        (await Facade.Admin.GetFromJsonAsync<List<MismatchSummary>>($"{AdminRoutes.Mismatches}?capability={capability}", AdminJson.Options))!;

    // Shadow work finishes after the response; wait (bounded) until this many copies have an outcome.
    private async Task<ComparisonStats> SettledAsync(string capability, ComparisonStats? before, int copies, bool includeFailures = false)
    {
        ComparisonStats stats = null!;
        long Done(ComparisonStats s) => s.Compared + (includeFailures ? s.Errors + s.Dropped : 0);
        var baseline = before is null ? 0 : Done(before);
        var settled = await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            stats = await StatsAsync(capability);
            return Done(stats) - baseline >= copies;
        }, TimeSpan.FromMilliseconds(50));
        Assert.True(settled, $"Only {Done(stats) - baseline} of {copies} shadow copies of {capability} had an outcome in time: {stats}");
        return stats;
    }
}
