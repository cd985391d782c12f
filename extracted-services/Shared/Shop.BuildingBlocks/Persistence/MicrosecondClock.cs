namespace Shop.BuildingBlocks.Persistence;

/// <summary>
/// The system clock cut to whole microseconds, the finest time PostgreSQL keeps. With it, the time a
/// write answers with is the time a later read returns, on every provider, and a copy of a row on
/// another side is equal to the original.
/// </summary>
public sealed class MicrosecondClock : TimeProvider
{
    public static MicrosecondClock Instance { get; } = new();

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
