using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Strangler.Contracts;
using Strangler.Facade.Shadowing;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Shadowing;

/// <summary>
/// The shadow queue is bounded by the bytes its copies hold, not only by their count: with the other
/// side stuck, large bodies are dropped once the bound is reached, the client is never held up, and
/// every byte is given back once the copies are done.
/// </summary>
public sealed class ShadowMemoryTests : IAsyncLifetime
{
    private const int BodyBytes = 300 * 1024;
    private StandInService _monolith = null!;
    private StandInService _slow = null!;
    private FacadeServer _facade = null!;

    public async Task InitializeAsync()
    {
        _monolith = await StandInService.StartAsync("monolith");
        _slow = await StandInService.StartAsync("slow");
        _slow.Delay = TimeSpan.FromMinutes(2);
        _facade = await FacadeServer.StartAsync(new FacadeSettings()
            .DefaultCluster("monolith")
            .Cluster("monolith", _monolith.BaseAddress)
            .Cluster("slow", _slow.BaseAddress)
            .Capability("uploads", "monolith", "slow", ("/api/uploads", "POST"))
            .Set("Strangler:Capabilities:uploads:InitialState:Mode", "Shadow")
            .Set("Strangler:Capabilities:uploads:Shadow:DryRunWrites", "true")
            .Set("Strangler:Capabilities:uploads:Shadow:Timeout", "00:05:00")
            .Set("Strangler:Shadow:DryRunSecret", "a-long-shared-dry-run-secret")
            .Set("Strangler:Shadow:Workers", "1")
            .Set("Strangler:Shadow:MaxRequestBodyBytes", (512 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("Strangler:Shadow:MaxCapturedBodyBytes", (512 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("Strangler:Shadow:MaxQueuedBytes", (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .NewSqliteStore());
    }

    public async Task DisposeAsync()
    {
        await _facade.DisposeAsync();
        await _slow.DisposeAsync();
        await _monolith.DisposeAsync();
    }

    [Fact]
    public async Task Large_bodies_past_the_byte_bound_are_dropped_and_the_bytes_come_back_once_copies_are_done()
    {
        var memory = _facade.Services.GetRequiredService<ShadowMemory>();
        const int uploads = 8;
        for (var i = 0; i < uploads; i++)
        {
            using var response = await _facade.Client.PostAsync("/api/uploads", new ByteArrayContent(new byte[BodyBytes]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(memory.Held <= 1024 * 1024, $"The copies hold {memory.Held} bytes, past the 1 MiB bound.");
        }

        var stats = await StatsAsync();
        // 1 MiB holds three 300 KiB bodies (and their small answers); the rest cannot be kept.
        Assert.Equal(uploads - 3, stats.DroppedBecause!.GetValueOrDefault(ShadowReasons.QueueBytesFull));
        Assert.Equal(0, stats.DroppedBecause!.GetValueOrDefault(ShadowReasons.QueueFull));

        // The copies are stuck until the other side goes away; then they fail, and nothing is held.
        await _slow.StopAsync();
        var released = await Eventually.TrueWithinAsync(Eventually.Generous, async () => memory.Held == 0 && (await StatsAsync()).Pending == 0, TimeSpan.FromMilliseconds(100));
        stats = await StatsAsync();
        Assert.True(released, $"{memory.Held} bytes still held; {stats}");
        // The one in flight fails; those still queued find the side unhealthy and are skipped as such, not counted as comparison errors.
        Assert.Equal(3, stats.Errors + stats.SkippedBecause!.GetValueOrDefault(ShadowReasons.TargetUnavailable));
    }

    [Fact]
    public async Task Once_a_flood_has_drained_one_collection_hands_its_memory_back()
    {
        var options = _facade.Services.GetRequiredService<ShadowOptions>() with { MaxQueuedBytes = 64 * 1024 * 1024 };
        using var memory = new ShadowMemory(options, TimeProvider.System);
        Assert.True(memory.TryTake(ShadowMemory.TrimAbove));
        Assert.True(memory.TryTake(1024));
        memory.Return(ShadowMemory.TrimAbove);
        memory.Return(1024);

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(memory.Trims == 1), TimeSpan.FromMilliseconds(50)));

        // A small burst afterwards is not worth another.
        Assert.True(memory.TryTake(1024));
        memory.Return(1024);
        Assert.Equal(0, memory.Held);
        Assert.Equal(1, memory.Trims);
    }

    private async Task<ComparisonStats> StatsAsync() =>
        (await _facade.Admin.GetFromJsonAsync<ComparisonStats>(AdminRoutes.Comparison("uploads"), AdminJson.Options))!;
}
