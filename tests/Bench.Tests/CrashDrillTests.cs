using Strangler.Bench;
using Strangler.Bench.Drill;

namespace Bench.Tests;

/// <summary>
/// The crash drill of bench/, small: a few hundred writes through the façade to the monolith and
/// ordering-service as real processes, one SIGKILL of each while they write (the service's while it
/// takes the writes), ordering moved to the service and back; then reconcile must find 0 differences
/// and 0 orphans. The step-by-step crashes (one between each pair of steps) are in Monolith.Tests'
/// OrderRecoveryTests and Services.Tests' MonolithCallsTests.
/// </summary>
public sealed class CrashDrillTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Three_hundred_writes_and_two_kills_leave_no_orphans_and_no_differences(bool postgres)
    {
        var options = new DrillOptions(Writes: 300, Writers: 6, Kills: 2, Postgres: postgres, Seed: 20261203);
        using var log = new StringWriter();

        var report = await CrashDrill.RunAsync(Repository.Root(), options, log, CancellationToken.None);

        var story = log + report.ToMarkdown() + report.ReconcileOutput;
        Assert.True(report.Passed, story);
        Assert.Equal((1, 1), (report.MonolithKills, report.OrderingKills));
        Assert.Equal(2, report.ModeSwitches);
        Assert.Equal(300, report.Writes.Where(pair => pair.Key.Kind != DrillWriters.PlacedBy).Sum(pair => pair.Value));
        // The drill is only worth its verdict if orders were placed on both sides of the switch.
        Assert.True(report.PlacedBy("monolith") > 0 && report.PlacedBy("ordering-service") > 0, story);
    }
}
