using System.Net;
using System.Net.Http.Json;
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
