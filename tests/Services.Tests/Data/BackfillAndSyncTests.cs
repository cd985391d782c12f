using System.Net;
using System.Net.Http.Json;
using Services.Tests.Fixtures;

namespace Services.Tests.Data;

/// <summary>Backfill, change sync and reconcile between the monolith and each service, driven step by step.</summary>
public abstract class BackfillAndSyncTests(SideBySideFixture sides) : SideBySideTests(sides)
{
    [Fact]
    public async Task After_the_backfill_both_services_reconcile_with_the_monolith()
    {
        await Reconcile.AssertInStepAsync(Systems.Monolith, Systems.Catalog);
        await Reconcile.AssertInStepAsync(Systems.Monolith, Systems.Ordering);
    }

    [Fact]
    public async Task A_second_backfill_changes_nothing()
    {
        var again = await Systems.Catalog.BackfillAsync();

        Assert.Equal((0, 0, 60), (again.Inserted, again.Updated, again.Unchanged));
        var orders = await Systems.Ordering.BackfillAsync();
        Assert.Equal(0, orders.Inserted + orders.Updated);
        Assert.True(orders.Unchanged > 0);
    }

    [Fact]
    public async Task An_interrupted_backfill_resumes_at_the_page_it_stopped_on()
    {
        await Systems.Catalog.ResetAsync();
        // As if pages 1 and 2 (of 100 rows each) had been copied before a crash: only page 3 onwards is left to do.
        await Systems.Catalog.ScalarAsync("INSERT INTO {table} (\"Dataset\", \"NextPage\", \"Completed\", \"Copied\", \"StartPosition\", \"UpdatedAt\") VALUES ('products', 3, FALSE, 200, 0, CURRENT_TIMESTAMP)", "BackfillProgress");

        var resumed = await Systems.Catalog.BackfillAsync();

        Assert.True(resumed.Resumed);
        Assert.Equal(3, resumed.FromPage);
        Assert.Equal(0, resumed.Inserted); // the sample's 60 products fit on page 1: nothing after page 2
        var (exit, output) = await Reconcile.RunAsync(Systems.Monolith, Systems.Catalog);
        Assert.Equal(1, exit);
        Assert.Contains("only in legacy 60", output, StringComparison.Ordinal);

        var full = await Systems.Catalog.BackfillAsync();
        Assert.False(full.Resumed);
        Assert.Equal(60, full.Inserted);
        await Reconcile.AssertInStepAsync(Systems.Monolith, Systems.Catalog);
    }

    [Fact]
    public async Task Changes_in_the_monolith_reach_the_service_on_sync_and_reconcile_says_when_they_have_not()
    {
        var product = await ProductAsync("SKU-00009");
        await ReadJsonAsync(await Systems.Monolith.Admin.PostAsJsonAsync($"/api/catalog/products/{product["id"]}/stock-adjustments", new { delta = -1, reason = "test" }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await Systems.Monolith.Admin.DeleteAsync($"/api/catalog/products/{(await ProductAsync("SKU-00010"))["id"]}")).StatusCode);

        var (exit, output) = await Reconcile.RunAsync(Systems.Monolith, Systems.Catalog);
        Assert.Equal(1, exit);
        Assert.Contains("/stockOnHand", output, StringComparison.Ordinal);
        Assert.Contains("only in candidate 1", output, StringComparison.Ordinal);

        Assert.Equal(2, await Systems.Catalog.CatchUpAsync());
        await Reconcile.AssertInStepAsync(Systems.Monolith, Systems.Catalog);
        Assert.Equal(0, await Systems.Catalog.CatchUpAsync());
    }

    [Fact]
    public async Task Reconcile_with_wait_keeps_comparing_until_sync_has_caught_up()
    {
        var product = await ProductAsync("SKU-00012");
        await ReadJsonAsync(await Systems.Monolith.Admin.PostAsJsonAsync($"/api/catalog/products/{product["id"]}/stock-adjustments", new { delta = 2, reason = "test" }), HttpStatusCode.OK);
        // The relay here polls only when told: until CatchUpAsync the two sides differ, whatever the clock says.
        var waiting = Reconcile.RunAsync(Systems.Monolith, Systems.Catalog, "--wait", "600");

        Assert.Equal(1, await Systems.Catalog.CatchUpAsync());
        var (exit, output) = await waiting;

        Assert.True(exit == 0, output);
        Assert.Equal(1, CountOf("Reconcile products:", output));
        Assert.Contains("In step: 0 differences.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_with_wait_gives_up_when_the_seconds_are_up_and_prints_the_last_comparison_once()
    {
        var product = await ProductAsync("SKU-00013");
        await ReadJsonAsync(await Systems.Monolith.Admin.PostAsJsonAsync($"/api/catalog/products/{product["id"]}/stock-adjustments", new { delta = 3, reason = "test" }), HttpStatusCode.OK);

        var (exit, output) = await Reconcile.RunAsync(Systems.Monolith, Systems.Catalog, "--wait", "1");

        Assert.Equal(1, exit);
        Assert.Equal(1, CountOf("Reconcile products:", output));
        Assert.Contains("/stockOnHand", output, StringComparison.Ordinal);
        Assert.Equal(1, await Systems.Catalog.CatchUpAsync());
    }

    private static int CountOf(string text, string output) =>
        (output.Length - output.Replace(text, "", StringComparison.Ordinal).Length) / text.Length;

    [Fact]
    public async Task Events_delivered_again_are_skipped_by_the_inbox_and_change_nothing()
    {
        var product = await ProductAsync("SKU-00011");
        for (var i = 0; i < 3; i++)
        {
            await ReadJsonAsync(await Systems.Monolith.Admin.PostAsJsonAsync($"/api/catalog/products/{product["id"]}/stock-adjustments", new { delta = 1, reason = "test" }), HttpStatusCode.OK);
        }

        Assert.Equal(3, await Systems.Catalog.CatchUpAsync());
        var inbox = await Systems.Catalog.ScalarAsync("SELECT COUNT(*) FROM {table}", "InboxMessages");

        // A crash after applying but before the cursor moved: the relay reads the same events again.
        await Systems.Catalog.ScalarAsync("UPDATE {table} SET \"Position\" = \"Position\" - 3", "SyncCursors");
        Assert.Equal(0, await Systems.Catalog.CatchUpAsync());

        Assert.Equal(inbox, await Systems.Catalog.ScalarAsync("SELECT COUNT(*) FROM {table}", "InboxMessages"));
        var status = await ReadJsonAsync(await Systems.Catalog.Admin.GetAsync("/api/sync/status"), HttpStatusCode.OK);
        Assert.Equal(3, (long)status[0]!["duplicates"]!);
        await Reconcile.AssertInStepAsync(Systems.Monolith, Systems.Catalog);
    }

    [Fact]
    public async Task Sync_needs_a_backfill_first_and_says_so()
    {
        await Systems.Catalog.ResetAsync();

        var refused = await Assert.ThrowsAsync<Shop.Sync.Feeds.FeedNotStartedException>(() => Systems.Catalog.CatchUpAsync());
        Assert.Contains("run the backfill first", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outbox_feed_and_the_export_refuse_bad_input_and_callers_without_the_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Systems.Monolith.Client.GetAsync("/api/outbox/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Systems.Catalog.Client.GetAsync("/api/sync/export/products")).StatusCode);
        await AssertProblemAsync(await Systems.Monolith.Admin.GetAsync("/api/outbox/catalog?after=-1&limit=501"), HttpStatusCode.BadRequest, "limit");
        var unknown = await AssertProblemAsync(await Systems.Monolith.Admin.GetAsync("/api/outbox/shipping"), HttpStatusCode.NotFound);
        Assert.Contains("catalog, ordering, payments", (string)unknown["detail"]!, StringComparison.Ordinal);
        await AssertProblemAsync(await Systems.Ordering.Admin.GetAsync("/api/sync/export/orders?pageSize=101"), HttpStatusCode.BadRequest, "pageSize");
    }
}

[Collection(SqliteSides.Name)]
public sealed class BackfillAndSyncOnSqlite(SqliteSideBySide sides) : BackfillAndSyncTests(sides);

[Collection(PostgresSides.Name)]
public sealed class BackfillAndSyncOnPostgres(PostgresSideBySide sides) : BackfillAndSyncTests(sides);
