using Mediator;
using Shop.Kernel;

namespace Shop.Catalog.Contracts.Stock;

/// <summary>
/// Takes stock for every line or for none. Sending the same <see cref="ReservationId"/> again returns
/// the first answer and takes nothing more, so a caller may retry safely.
/// </summary>
public sealed record ReserveStock(Guid ReservationId, IReadOnlyList<StockLine> Lines)
    : IRequest<Result<IReadOnlyList<ReservedLine>>>;

public sealed record StockLine(string Sku, int Quantity);

/// <summary>What was reserved, priced at the moment of reservation.</summary>
public sealed record ReservedLine(Guid ProductId, string Sku, string Name, Money UnitPrice, int Quantity);

/// <summary>Gives back everything reserved under <see cref="ReservationId"/>; a second release changes nothing.</summary>
public sealed record ReleaseStock(Guid ReservationId) : IRequest<Result<int>>;
