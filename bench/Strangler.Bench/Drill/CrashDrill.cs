using System.Diagnostics;
using System.Text.Json;

namespace Strangler.Bench.Drill;

/// <summary>
/// Writers place, cancel and pay orders through the façade while the drill kills (SIGKILL) the monolith
/// and ordering-service at random points and starts them again. Ordering writes move to the service
/// for the middle third of the run and back, the documented way: writers paused, sync drained, then
/// the switch. When the writes are done, <c>strangler reconcile --dataset orders</c> must find 0
/// differences between the two sides' orders and 0 orphans among stock and payments, once recovery
/// has run (it waits up to three minutes for that).
/// </summary>
internal static class CrashDrill
{
    private static readonly TimeSpan PauseDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromMinutes(2);
    private const int ReconcileWaitSeconds = 180;

    public static async Task<DrillReport> RunAsync(string repository, DrillOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var system = await DrillSystem.StartAsync(repository, options.Postgres, log, cancellationToken);
        using var writers = new DrillWriters(system.Facade.Address, DrillSystem.AdminKey, options.Writers, options.Writes, options.Seed);
        var plan = Plan(options, system);
        log.WriteLine($"Drill of {options.Writes} writes, {options.Writers} writers, seed {options.Seed}: {string.Join(", ", plan.Select(step => $"{step.Name} at {step.At}"))}");

        var writing = writers.RunAsync(cancellationToken);
        var (monolithKills, orderingKills, switches) = (0, 0, 0);
        // However long a restart took, each step comes some writes after the one before, so no phase
        // (the service's stretch of writes above all) is skipped over by writes spent while a part was down.
        var gap = Math.Max(1, options.Writes / 20);
        var previous = 0;
        foreach (var step in plan)
        {
            var at = Math.Max(step.At, previous + gap);
            while (writers.Done < at && !writing.IsCompleted)
            {
                await Task.Delay(10, cancellationToken);
            }

            if (step.Kill is { } part)
            {
                log.WriteLine($"  after {writers.Done} writes: kill -9 {part.Name}, start it again");
                await system.KillAndRestartAsync(part, cancellationToken);
                _ = part == system.Monolith ? monolithKills++ : orderingKills++;
            }
            else
            {
                log.WriteLine($"  after {writers.Done} writes: pause writers, drain sync, ordering writes to {step.Mode}");
                await writers.PauseAsync(PauseDeadline, cancellationToken);
                await system.DrainAsync(DateTime.UtcNow, DrainDeadline, cancellationToken);
                var (exit, output) = await system.SwitchOrderingAsync(step.Mode!, cancellationToken);
                if (exit != 0)
                {
                    throw new InvalidOperationException($"strangler set ordering --mode {step.Mode} exited {exit}: {output}");
                }

                writers.Resume();
                switches++;
            }

            previous = writers.Done;
        }

        await writing;
        log.WriteLine($"  {writers.Done} writes done; waiting for recovery and sync, then reconcile");
        var (reconcileExit, reconcile) = await system.ReconcileAsync(ReconcileWaitSeconds, cancellationToken);
        var (differences, orphans, other) = Findings(reconcileExit, reconcile);
        return new DrillReport(options, writers.Tally, monolithKills, orderingKills, switches,
            system.Monolith.CountInLog("Recovered the unfinished placement") + system.Ordering.CountInLog("Recovered the unfinished placement"),
            system.Monolith.CountInLog("Finished the cancellation") + system.Ordering.CountInLog("Finished the cancellation"),
            differences, orphans, other, clock.Elapsed, reconcile);
    }

    private sealed record Step(int At, string Name, DrillPart? Kill, string? Mode);

    /// <summary>
    /// The switches at a third and two thirds of the writes; monolith kills anywhere, ordering-service
    /// kills while it takes the writes (alternating, the monolith first), each at a random write count.
    /// </summary>
    private static List<Step> Plan(DrillOptions options, DrillSystem system)
    {
        var random = new Random(options.Seed);
        var (third, twoThirds) = (options.Writes / 3, 2 * options.Writes / 3);
        var steps = new List<Step> { new(third, "switch to service", null, "service"), new(twoThirds, "switch to legacy", null, "legacy") };
        for (var kill = 0; kill < options.Kills; kill++)
        {
            steps.Add(kill % 2 == 0
                ? new Step(random.Next(1, options.Writes), "kill monolith", system.Monolith, null)
                : new Step(random.Next(third + 1, Math.Max(third + 2, twoThirds)), "kill ordering-service", system.Ordering, null));
        }

        return [.. steps.OrderBy(step => step.At).ThenBy(step => step.Kill is null ? 0 : 1)];
    }

    /// <summary>Row differences, orphans and other findings from reconcile's JSON; it failing to answer at all counts as a difference.</summary>
    private static (int Differences, int Orphans, int Other) Findings(int exit, string output)
    {
        try
        {
            var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var differences = root.GetProperty("rows").GetProperty("differences").GetArrayLength();
            var findings = root.GetProperty("wholeOrder").GetProperty("findings").EnumerateArray().ToList();
            var orphans = findings.Count(f => f.GetProperty("isOrphan").GetBoolean());
            return (differences, orphans, findings.Count - orphans);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentOutOfRangeException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidOperationException($"reconcile (exit {exit}) did not answer its JSON: {output}", exception);
        }
    }
}
