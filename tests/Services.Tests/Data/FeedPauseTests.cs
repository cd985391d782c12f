using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Catalog.Service;
using Services.Tests.Fixtures;
using Shop.Sync.Feeds;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Data;

/// <summary>
/// An operator pauses a feed a service reads and resumes it: the status says so, and an unknown feed
/// or a caller without the admin key is refused with a problem. (docs/03 pauses catalog-service's feed
/// to hold it at a known point; its runnable block shows the pause holding and the resume catching up.)
/// </summary>
[Collection(SqliteSides.Name)]
public sealed class FeedPauseTests(SqliteSideBySide sides)
{
    [Fact]
    public async Task A_feed_is_paused_and_resumed_and_the_status_says_so()
    {
        var feed = CatalogService.MonolithFeed;
        try
        {
            using var paused = await sides.Catalog.Admin.PostAsync($"/api/sync/feeds/{feed}/pause", null);
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
            Assert.True((await paused.Content.ReadFromJsonAsync<FeedStatus>(AdminJson.Options))!.Paused);
            var status = await sides.Catalog.Admin.GetFromJsonAsync<List<FeedStatus>>("/api/sync/status", AdminJson.Options);
            Assert.True(status!.Single(f => f.Feed == feed).Paused);
        }
        finally
        {
            using var resumed = await sides.Catalog.Admin.PostAsync($"/api/sync/feeds/{feed}/resume", null);
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            Assert.False((await resumed.Content.ReadFromJsonAsync<FeedStatus>(AdminJson.Options))!.Paused);
        }
    }

    [Fact]
    public async Task A_paused_feed_takes_nothing_in_until_it_is_resumed()
    {
        await sides.EnsureFreshAsync();
        sides.Changed();
        const string sku = "SKU-00011";
        var before = (await sides.Monolith.Client.GetFromJsonAsync<JsonObject>($"/api/catalog/products/by-sku/{sku}"))!;
        var amount = (decimal)before["price"]!["amount"]!;
        try
        {
            using var paused = await sides.Catalog.Admin.PostAsync($"/api/sync/feeds/{CatalogService.MonolithFeed}/pause", null);
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
            await CatalogEdits.RaisePriceAsync(sides.Monolith, before);

            Assert.Equal(0, await sides.Catalog.CatchUpAsync());
            Assert.Equal(amount, await ServicePriceAsync(sku));
        }
        finally
        {
            using var resumed = await sides.Catalog.Admin.PostAsync($"/api/sync/feeds/{CatalogService.MonolithFeed}/resume", null);
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }

        Assert.True(await sides.Catalog.CatchUpAsync() >= 1);
        Assert.Equal(amount + 10m, await ServicePriceAsync(sku));
    }

    [Fact]
    public async Task A_pause_answers_only_once_the_page_under_way_is_in()
    {
        var feed = new FeedOptions("monolith", new Uri("http://127.0.0.1:1"), "catalog", null, TimeSpan.FromSeconds(1), 100, TimeSpan.FromSeconds(5));
        var status = new SyncStatus([feed]);
        var page = await status.EnterPageAsync(feed, CancellationToken.None);
        Assert.NotNull(page);

        var pausing = status.PauseAsync(feed.Name, CancellationToken.None);
        Assert.False(pausing.IsCompleted, "the pause answered while a page was being taken in");
        page.Dispose();
        Assert.True(await pausing.WaitAsync(Eventually.Generous));

        Assert.Null(await status.EnterPageAsync(feed, CancellationToken.None));
        Assert.True(status.Resume(feed.Name));
        using var next = await status.EnterPageAsync(feed, CancellationToken.None);
        Assert.NotNull(next);
        Assert.False(await status.PauseAsync("no-such-feed", CancellationToken.None));
    }

    private async Task<decimal> ServicePriceAsync(string sku) =>
        (decimal)(await sides.Catalog.Client.GetFromJsonAsync<JsonObject>($"/api/catalog/products/by-sku/{sku}"))!["price"]!["amount"]!;

    [Fact]
    public async Task An_unknown_feed_or_a_caller_without_the_key_is_refused()
    {
        using var unknown = await sides.Catalog.Admin.PostAsync("/api/sync/feeds/no-such-feed/pause", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains(CatalogService.MonolithFeed, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var anonymous = await sides.Catalog.Client.PostAsync($"/api/sync/feeds/{CatalogService.MonolithFeed}/pause", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var status = await sides.Catalog.Admin.GetFromJsonAsync<List<FeedStatus>>("/api/sync/status", AdminJson.Options);
        Assert.False(status!.Single(f => f.Feed == CatalogService.MonolithFeed).Paused);
    }
}
