using System.Globalization;
using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;
using Strangler.Facade.Observability;

namespace Strangler.Facade.Guardrails;

/// <summary>
/// Every second, judges each capability that has guardrails by this replica's traffic since its last
/// change (at most <see cref="GuardrailSettings.Window"/> back). In Canary or Service mode a crossed
/// threshold sends it back to Legacy; a healthy canary that has held its step long enough moves to
/// the next. Each such change goes through the flag store like an operator's, audited as made by
/// <c>guardrail</c> with the reason, so every replica follows within its poll interval.
/// </summary>
internal sealed class GuardrailWatcher(
    ManifestSource manifests,
    CapabilityStates states,
    TrafficReport traffic,
    FailureCallers callers,
    TimeProvider clock,
    CapabilityStateChanges changes,
    ILogger<GuardrailWatcher> logger) : BackgroundService
{
    public const string Who = "guardrail";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private long _rounds;

    /// <summary>Rounds of judgement completed since start: what a test waits on to know the watch has looked.</summary>
    internal long Rounds => Interlocked.Read(ref _rounds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var capability in manifests.Current.Capabilities.Where(c => c.Guardrails.IsSet))
            {
                try
                {
                    await JudgeAsync(capability, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A flag store that is briefly away must not stop the watch; the next tick tries again.
                    logger.LogWarning(exception, "Guardrails for {Capability} could not be applied this time.", capability.Name);
                }
            }

            Interlocked.Increment(ref _rounds);
        }
    }

    private async Task JudgeAsync(Capability capability, CancellationToken cancellationToken)
    {
        var stored = states.Current.Find(capability.Name) ?? StoredState.Initial(capability.InitialState);
        if (stored.State.Mode is not (CapabilityMode.Canary or CapabilityMode.Service))
        {
            return;
        }

        var rails = capability.Guardrails;
        var now = clock.GetUtcNow();
        var changedAt = stored.UpdatedAt ?? DateTimeOffset.MinValue;
        var since = changedAt > now - rails.Window ? changedAt : now - rails.Window;
        var view = traffic.For(capability, since);
        if (Breach(rails, view, callers.Failing(capability.Name, since), callers.Mismatching(capability.Name, since)) is { } reason)
        {
            await ChangeAsync(capability, stored, stored.State with { Mode = CapabilityMode.Legacy }, $"rolled back: {reason}", cancellationToken);
            return;
        }

        if (rails.Promote is { } promote && stored.State.Mode == CapabilityMode.Canary && now - changedAt >= promote.HoldFor)
        {
            var held = traffic.For(capability, changedAt);
            var next = promote.Steps.FirstOrDefault(step => step > stored.State.Percentage);
            if (next > 0 && held.Service.Requests >= promote.MinCompared)
            {
                await ChangeAsync(capability, stored, stored.State with { Percentage = next },
                    string.Create(CultureInfo.InvariantCulture,
                        $"promoted from {stored.State.Percentage}% to {next}%: healthy for {(now - changedAt).TotalSeconds:0} s with {held.Service.Requests} service answers"),
                    cancellationToken);
            }
        }
    }

    /// <summary>
    /// The first threshold the window crosses, in words; null when none is. Failures count only when
    /// the service caused them (<see cref="Requests.FaultAttribution"/>), and a rate crosses only when
    /// at least <see cref="GuardrailSettings.MinCallers"/> distinct callers saw a failure or mismatch.
    /// </summary>
    internal static string? Breach(GuardrailSettings rails, TrafficView view, int failingCallers, int mismatchingCallers)
    {
        var window = $"over the last {view.WindowSeconds} s";
        if (rails.MaxServiceErrorRate is { } maxErrors && view.Service.Requests >= rails.MinRequests && view.Service.ErrorRate > maxErrors
            && failingCallers >= rails.MinCallers)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"service 5xx rate {Percent(view.Service.ErrorRate)} ({view.Service.ServerErrors} of {view.Service.Requests}, {Callers(failingCallers)}) {window} is above {Percent(maxErrors)}");
        }

        if (rails.MaxMismatchRate is { } maxMismatches && view.Compared >= rails.MinRequests && view.MismatchRate > maxMismatches
            && mismatchingCallers >= rails.MinCallers)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"mismatch rate {Percent(view.MismatchRate)} ({view.Mismatched} of {view.Compared}, {Callers(mismatchingCallers)}) {window} is above {Percent(maxMismatches)}");
        }

        if (rails.MaxLatencyRatio is { } maxRatio && view.Service.Requests >= rails.MinRequests && view.Legacy.Requests >= rails.MinRequests
            && view.Service.P99Ms is { } serviceP99 && view.Legacy.P99Ms is { } legacyP99 && legacyP99 > 0 && serviceP99 / legacyP99 > maxRatio)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"service p99 {serviceP99:0.#} ms is {serviceP99 / legacyP99:0.#}x legacy p99 {legacyP99:0.#} ms {window}, above {maxRatio:0.#}x");
        }

        return null;
    }

    private static string Callers(int count) => count == 1 ? "1 caller" : $"{count} callers";

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    // An operator or another replica that changed it meanwhile wins: their change stands.
    private Task ChangeAsync(Capability capability, StoredState current, CapabilityState next, string reason, CancellationToken cancellationToken) =>
        changes.ApplyAsync(capability.Name, current, next, Who, reason, LogLevel.Warning, cancellationToken);
}
