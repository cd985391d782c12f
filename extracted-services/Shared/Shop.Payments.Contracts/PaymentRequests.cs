using Mediator;
using Shop.Kernel;

namespace Shop.Payments.Contracts;

/// <summary>Holds <see cref="Amount"/> for an order. One order has at most one payment: a repeat returns it.</summary>
public sealed record AuthorisePayment(Guid OrderId, Money Amount) : IRequest<Result<PaymentDto>>;

/// <summary>Takes the money; <see cref="Amount"/> defaults to everything authorised.</summary>
public sealed record CapturePayment(Guid PaymentId, decimal? Amount) : IRequest<Result<PaymentDto>>;

/// <summary>Gives back part or all of what was captured.</summary>
public sealed record RefundPayment(Guid PaymentId, decimal Amount, string Reason) : IRequest<Result<PaymentDto>>;

/// <summary>Drops an authorisation that was never captured.</summary>
public sealed record VoidPayment(Guid PaymentId) : IRequest<Result<PaymentDto>>;

/// <summary>
/// Undoes a payment whatever its state: voids an authorisation, refunds what is left of a capture,
/// changes nothing when already voided or refunded. What cancelling an order needs.
/// </summary>
public sealed record ReleasePayment(Guid PaymentId, string Reason) : IRequest<Result<PaymentDto>>;

/// <summary>
/// Releases the payment of an order, whichever it is, by the order's id: what recovering an order
/// placement needs after a crash left no record of the payment's id. True when the order had one.
/// </summary>
public sealed record ReleasePaymentForOrder(Guid OrderId, string Reason) : IRequest<Result<bool>>;
