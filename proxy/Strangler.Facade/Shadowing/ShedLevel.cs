namespace Strangler.Facade.Shadowing;

/// <summary>
/// How much of a capability's shadow traffic is shed, from 0 (none) to 1 (all): raised by a quarter
/// for each second of pressure after the first, lowered by a tenth for each calm second. A second of
/// pressure alone (a JIT burst, a GC) sheds nothing; sustained pressure sheds fast, and copies come
/// back gradually once it passes.
/// </summary>
internal sealed class ShedLevel
{
    private const double Up = 0.25;
    private const double Down = 0.10;
    private int _pressuredInARow;
    private double _level;

    public double Level => Volatile.Read(ref _level);

    public void Sample(bool pressured)
    {
        _pressuredInARow = pressured ? _pressuredInARow + 1 : 0;
        var next = pressured
            ? (_pressuredInARow >= 2 ? Math.Min(1, _level + Up) : _level)
            : Math.Max(0, _level - Down);
        Volatile.Write(ref _level, Math.Round(next, 2));
    }

    /// <summary>Whether this copy is shed, at the current level.</summary>
    public bool Sheds() => Level > 0 && (Level >= 1 || Random.Shared.NextDouble() < Level);
}
