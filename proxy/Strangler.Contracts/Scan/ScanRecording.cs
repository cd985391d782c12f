namespace Strangler.Contracts.Scan;

/// <summary>
/// What <c>Strangler.Scan</c> saw a monolith do, as <c>strangler scan report</c> reads it: for each
/// endpoint, each table its SQL read or wrote, and how many commands did. One file per run; several
/// runs (the test suite, replayed traffic) add up.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="Host">Which application recorded it.</param>
/// <param name="From">When recording began.</param>
/// <param name="To">When this snapshot was taken.</param>
/// <param name="Accesses">Every endpoint × table × access seen, with its command count.</param>
public sealed record ScanRecording(string Format, string Host, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<TableAccess> Accesses)
{
    public const string CurrentFormat = "strangler-scan/1";
}

/// <summary>
/// One endpoint's use of one table. <see cref="Endpoint"/> is "METHOD route-pattern" (<c>GET /api/catalog/products/{id:guid}</c>),
/// or <c>(background)</c> for SQL no request ran; <see cref="Access"/> is <c>read</c> or <c>write</c>.
/// </summary>
public sealed record TableAccess(string Endpoint, string Table, string Access, long Commands);
