using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Data;

/// <summary>Bounded waits for background relays: until a side has applied everything the other side's outbox holds.</summary>
internal static class SyncWaits
{
    public static readonly TimeSpan Limit = Eventually.Generous;

    /// <summary>Until the host's feed has a cursor at the head it last saw and that head is the source's current one.</summary>
    public static async Task UntilInStepAsync(HttpClient readerAdmin, HttpClient sourceAdmin, string module)
    {
        var last = "";
        var inStep = await Eventually.TrueWithinAsync(Limit, async () =>
        {
            var head = (long)(await sourceAdmin.GetFromJsonAsync<JsonNode>($"/api/outbox/{module}?after=0&limit=1"))!["head"]!;
            var feed = (await readerAdmin.GetFromJsonAsync<JsonArray>("/api/sync/status"))!.Single(f => (string)f!["module"]! == module)!;
            last = feed.ToJsonString();
            return (long)feed["cursor"]! >= head && feed["lastError"] is null;
        }, TimeSpan.FromMilliseconds(100));
        Assert.True(inStep, $"Not in step with the {module} outbox after {Limit.TotalSeconds} s: {last}");
    }

    public static Task UntilServiceInStepAsync(ShopServer monolith, ServiceServer service) =>
        UntilInStepAsync(service.Admin, monolith.Admin, service.Service.Module.ToLowerInvariant());

    public static Task UntilMonolithInStepAsync(ShopServer monolith, ServiceServer service) =>
        UntilInStepAsync(monolith.Admin, service.Admin, service.Service.Module.ToLowerInvariant());

    /// <summary>Every event in a module's outbox after <paramref name="after"/>, by id, read through the feed.</summary>
    public static async Task<HashSet<Guid>> EventIdsAsync(HttpClient sourceAdmin, string module, long after)
    {
        var ids = new HashSet<Guid>();
        while (true)
        {
            var page = (await sourceAdmin.GetFromJsonAsync<JsonNode>($"/api/outbox/{module}?after={after}&limit=500"))!;
            var items = page["items"]!.AsArray();
            if (items.Count == 0)
            {
                return ids;
            }

            foreach (var item in items)
            {
                ids.Add((Guid)item!["eventId"]!);
                after = (long)item["sequence"]!;
            }
        }
    }
}
