using System.Net;
using System.Net.Http.Json;
using Strangler.Cli;
using Strangler.Contracts;
using Strangler.Facade.Shadowing;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Shadowing;

/// <summary>
/// Under pressure the façade gives up shadow copies before anything else: shed copies are counted as
/// dropped with reason "shed", <c>strangler show</c> says how much is being shed, and every primary is
/// still answered. The façade here counts every second as short of CPU (<c>ShedAboveCpu</c> 0), so the
/// pressure is certain without loading the machine.
/// </summary>
public sealed class ShadowSheddingTests
{
    [Fact]
    public async Task Sustained_pressure_sheds_every_copy_and_the_primaries_are_all_answered()
    {
        await using var monolith = await StandInService.StartAsync("monolith");
        await using var service = await StandInService.StartAsync("catalog-service");
        await using var facade = await FacadeServer.StartAsync(new FacadeSettings().NewSqliteStore()
            .Cluster("monolith", monolith.BaseAddress).Cluster("catalog-service", service.BaseAddress).DefaultCluster("monolith")
            .Capability("catalog-read", "monolith", "catalog-service", ("/api/catalog/{**rest}", "GET"))
            .Set("Strangler:Shadow:ShedAboveCpu", "0"));
        await facade.SetAsync("catalog-read", new CapabilityChange(CapabilityMode.Shadow));

        // The level rises a quarter a second after the first second of pressure: all copies go once it is 1.
        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () => (await StatsAsync(facade)).ShedLevel >= 1));
        var before = await StatsAsync(facade);
        var copiesBefore = service.Requests;
        for (var i = 0; i < 20; i++)
        {
            using var answer = await facade.Client.GetAsync($"/api/catalog/products/{i}");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("monolith", answer.Headers.GetValues(StranglerHeaders.ServedBy).Single());
        }

        var after = await StatsAsync(facade);
        Assert.Equal(before.Compared, after.Compared);
        Assert.Equal(copiesBefore, service.Requests);
        Assert.Equal(20, after.DroppedBecause![ShadowReasons.Shed] - before.DroppedBecause!.GetValueOrDefault(ShadowReasons.Shed));

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await StranglerCli.RunAsync(["show", "catalog-read", "--url", facade.BaseAddress.ToString(), "--key", FacadeServer.AdminKey], output, error));
        Assert.Contains("dropped shed ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("shedding 100% of copies now", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shadow_queue_that_keeps_overflowing_has_its_copies_shed_at_the_tap_instead()
    {
        await using var monolith = await StandInService.StartAsync("monolith");
        await using var service = await StandInService.StartAsync("catalog-service");
        // Copies take long and only one goes at a time into a queue of one: it overflows at once.
        service.Delay = TimeSpan.FromMilliseconds(300);
        await using var facade = await FacadeServer.StartAsync(new FacadeSettings().NewSqliteStore()
            .Cluster("monolith", monolith.BaseAddress).Cluster("catalog-service", service.BaseAddress).DefaultCluster("monolith")
            .Capability("catalog-read", "monolith", "catalog-service", ("/api/catalog/{**rest}", "GET"))
            .Set("Strangler:Shadow:QueueCapacity", "1").Set("Strangler:Shadow:Workers", "1")
            .Set("Strangler:Shadow:ShedWhenQueueOverflows", "true"));
        await facade.SetAsync("catalog-read", new CapabilityChange(CapabilityMode.Shadow));

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var answer = await facade.Client.GetAsync($"/api/catalog/products/{i}");
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }

            var stats = await StatsAsync(facade);
            return stats.DroppedBecause!.GetValueOrDefault(ShadowReasons.QueueFull) > 0 && stats.DroppedBecause!.GetValueOrDefault(ShadowReasons.Shed) > 0;
        }));
    }

    [Fact]
    public void One_second_of_pressure_sheds_nothing_sustained_pressure_sheds_fast_and_calm_brings_copies_back_gradually()
    {
        var level = new ShedLevel();
        level.Sample(pressured: true);
        Assert.Equal(0, level.Level);
        Assert.False(level.Sheds());

        level.Sample(pressured: true);
        Assert.Equal(0.25, level.Level);
        for (var i = 0; i < 5; i++)
        {
            level.Sample(pressured: true);
        }

        Assert.Equal(1, level.Level);
        Assert.True(level.Sheds());

        level.Sample(pressured: false);
        Assert.Equal(0.9, level.Level);
        for (var i = 0; i < 12; i++)
        {
            level.Sample(pressured: false);
        }

        Assert.Equal(0, level.Level);
        Assert.False(level.Sheds());
    }

    [Theory]
    [InlineData("ShedAboveCpu", "1.5")]
    [InlineData("ShedAboveLatencyRatio", "1")]
    public async Task A_shedding_limit_out_of_range_is_refused_at_start_naming_the_key(string key, string value)
    {
        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => FacadeServer.StartAsync(new FacadeSettings().NewSqliteStore()
            .Cluster("monolith", new Uri("http://127.0.0.1:9/")).DefaultCluster("monolith")
            .Set("Strangler:Shadow:" + key, value)));
        Assert.Contains("Strangler:Shadow:" + key, refusal.Message, StringComparison.Ordinal);
    }

    private static async Task<ComparisonStats> StatsAsync(FacadeServer facade) =>
        (await facade.Admin.GetFromJsonAsync<ComparisonStats>(AdminRoutes.Comparison("catalog-read"), AdminJson.Options))!;
}
