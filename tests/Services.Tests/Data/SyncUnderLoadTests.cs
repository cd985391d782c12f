using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Data;

/// <summary>
/// A bounded burst of mixed writes against the monolith while both services' relays run in the
/// background, with both services stopped for the middle third of it and started again: afterwards
/// reconcile finds no difference and every event was applied exactly once.
/// </summary>
public sealed class SyncUnderLoadTests
{
    private const int Operations = 150;
    private const int Writers = 4;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_burst_of_writes_with_the_services_restarted_midway_ends_in_step_with_no_event_applied_twice(bool postgres)
    {
        await using var monolith = await ShopServer.StartOnAsync(postgres);
        await using var catalog = await ServiceServer.StartAsync(ExtractedService.Catalog, monolith, postgres, TimeSpan.FromMilliseconds(100));
        await using var ordering = await ServiceServer.StartAsync(ExtractedService.Ordering, monolith, postgres, TimeSpan.FromMilliseconds(100));
        var catalogStart = (await catalog.BackfillAsync()).FeedCursor;
        var orderingStart = (await ordering.BackfillAsync()).FeedCursor;

        var burst = new Burst(monolith);
        var done = 0;
        var restarts = Task.Run(async () =>
        {
            while (Volatile.Read(ref done) < Operations / 3)
            {
                await Task.Delay(10);
            }

            await catalog.StopAsync();
            await ordering.StopAsync();
            while (Volatile.Read(ref done) < 2 * Operations / 3)
            {
                await Task.Delay(10);
            }

            await catalog.StartAgainAsync();
            await ordering.StartAgainAsync();
        });
        await Parallel.ForAsync(0, Operations, new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (i, _) =>
        {
            await burst.RunAsync(i);
            Interlocked.Increment(ref done);
        });
        await restarts;

        Assert.True(burst.Succeeded > Operations / 2, $"Only {burst.Succeeded} of {Operations} writes succeeded.");
        foreach (var service in new[] { catalog, ordering })
        {
            await SyncWaits.UntilServiceInStepAsync(monolith, service);
            await Reconcile.AssertInStepAsync(monolith, service);
        }

        foreach (var (service, start) in new[] { (catalog, catalogStart), (ordering, orderingStart) })
        {
            var sent = await SyncWaits.EventIdsAsync(monolith.Admin, service.Service.Module.ToLowerInvariant(), start);
            // The inbox's key is the event id: one row per event means each was applied once, and none was missed.
            Assert.Equal(sent.Count, await service.ScalarAsync("SELECT COUNT(*) FROM {table}", "InboxMessages"));
        }
    }

    /// <summary>Creates, updates, deletes, stock changes, orders and cancellations, chosen by the operation's number.</summary>
    private sealed class Burst(ShopServer monolith)
    {
        private int _succeeded;

        public int Succeeded => _succeeded;

        public async Task RunAsync(int i)
        {
            var sku = $"SKU-{1 + (i * 7 % 60):D5}";
            var response = (i % 6) switch
            {
                0 => await monolith.Admin.PostAsJsonAsync("/api/catalog/products", new
                {
                    sku = $"BURST-{i:D4}", name = $"Burst product {i}", category = "kitchen", price = new { amount = 10 + i, currency = "EUR" }, stockOnHand = 50,
                }),
                1 => await UpdateAsync(sku, i),
                2 => await DeleteAsync(i),
                3 => await AdjustAsync(sku, i % 2 == 0 ? 5 : -1),
                4 => await monolith.Client.PostAsJsonAsync("/api/orders", new { customerId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 1 } } }),
                _ => await CancelSomeOrderAsync(),
            };
            // Conflicts (a product changed or deleted by a neighbour) are part of a real burst; failures are not.
            Assert.True((int)response.StatusCode < 500, $"Operation {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _succeeded);
            }
        }

        private async Task<JsonNode?> ProductAsync(string sku)
        {
            var response = await monolith.Client.GetAsync($"/api/catalog/products/by-sku/{sku}");
            return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
        }

        private async Task<HttpResponseMessage> UpdateAsync(string sku, int i)
        {
            var product = await ProductAsync(sku);
            return product is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : await monolith.Admin.PutAsJsonAsync($"/api/catalog/products/{product["id"]}", new
                {
                    name = $"Renamed {i}", category = (string)product["category"]!, price = new { amount = 20 + i, currency = "EUR" }, version = (long)product["version"]!,
                });
        }

        private async Task<HttpResponseMessage> DeleteAsync(int i)
        {
            // Products made earlier in this burst: deleting the seeded ones would starve the orders.
            var product = await ProductAsync($"BURST-{i - 2:D4}");
            return product is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : await monolith.Admin.DeleteAsync($"/api/catalog/products/{product["id"]}");
        }

        private async Task<HttpResponseMessage> AdjustAsync(string sku, int delta)
        {
            var product = await ProductAsync(sku);
            return product is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : await monolith.Admin.PostAsJsonAsync($"/api/catalog/products/{product["id"]}/stock-adjustments", new { delta, reason = "burst" });
        }

        private async Task<HttpResponseMessage> CancelSomeOrderAsync()
        {
            var orders = JsonNode.Parse(await monolith.Admin.GetStringAsync("/api/sync/export/orders?pageSize=100"))!["items"]!.AsArray();
            var placed = orders.Where(o => (string)o!["status"]! == "Placed").ToList();
            return placed.Count == 0
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : await monolith.Client.PostAsJsonAsync($"/api/orders/{placed[Random.Shared.Next(placed.Count)]!["id"]}/cancel", new { reason = "burst" });
        }
    }
}
