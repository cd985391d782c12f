namespace Strangler.Facade.Settings;

/// <summary>
/// A capability's guardrails, judged over the last <see cref="Window"/> of traffic since its last
/// change, once the service side has answered <see cref="MinRequests"/> requests. When a threshold is
/// crossed in Canary or Service mode the capability goes back to Legacy. With <see cref="Promote"/>, a
/// canary advances through its steps after each has been healthy long enough.
/// </summary>
internal sealed record GuardrailSettings(
    TimeSpan Window, int MinRequests, double? MaxServiceErrorRate, double? MaxMismatchRate, double? MaxLatencyRatio, PromotionSettings? Promote,
    int MinCallers = GuardrailSettings.DefaultMinCallers)
{
    /// <summary>Distinct callers who must have seen the service fail (or mismatch) before a rollback: one client alone never is enough.</summary>
    public const int DefaultMinCallers = 3;

    public static GuardrailSettings None { get; } = new(TimeSpan.FromMinutes(1), 20, null, null, null, null);

    public bool IsSet => MaxServiceErrorRate is not null || MaxMismatchRate is not null || MaxLatencyRatio is not null || Promote is not null;
}

/// <summary>Canary percentages in order; each is held <see cref="HoldFor"/> with at least <see cref="MinCompared"/> service answers.</summary>
internal sealed record PromotionSettings(IReadOnlyList<double> Steps, TimeSpan HoldFor, int MinCompared);
