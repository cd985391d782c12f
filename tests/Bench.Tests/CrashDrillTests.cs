using Strangler.Bench;
using Strangler.Bench.Drill;

namespace Bench.Tests;

/// <summary>
/// The crash drill of bench/, small: a few hundred writes through the façade to the monolith and
/// ordering-service as real processes, one SIGKILL of each while they write (the service's while it
/// takes the writes), ordering moved to the service and back; then reconcile must find 0 differences
/// and 0 orphans, on SQLite. The step-by-step crashes (one between each pair of steps) are in Monolith.Tests'
/// OrderRecoveryTests and Services.Tests' MonolithCallsTests.
/// </summary>
public sealed class CrashDrillTests
{
    // SQLite only here: the drill is three processes and two restarts, the suite's dearest minute. Both
    // databases are drilled at 10,000 writes by the bench (docs/benchmarks.md), and the step-by-step
    // crash tests run on both.
    [Fact]
    public async Task Three_hundred_writes_and_two_kills_leave_no_orphans_and_no_differences()
    {
        var options = new DrillOptions(Writes: 300, Writers: 6, Kills: 2, Postgres: false, Seed: 20261203);
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
