using Shop.Kernel;

namespace Shop.Ordering.Contracts;

/// <summary>Body of <c>POST /api/orders</c>.</summary>
public sealed record PlaceOrderRequest(Guid CustomerId, IReadOnlyList<OrderLineRequest> Lines)
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 1000;

    /// <summary>
    /// The request's rules, part of the contract: the monolith and the ordering service both check
    /// them here, so the same bad request gets the same problem from either side.
    /// </summary>
    public static ValidationErrors Validate(Guid customerId, IReadOnlyList<OrderLineRequest>? lines)
    {
        var errors = new ValidationErrors()
            .AddIf(customerId == Guid.Empty, "customerId", "is required.")
            .AddIf(lines is null || lines.Count == 0, "lines", "must have at least one line.")
            .AddIf(lines?.Count > MaxLines, "lines", $"must have at most {MaxLines} lines.");
        for (var i = 0; i < (lines?.Count ?? 0); i++)
        {
            var line = lines![i];
            errors.AddIf(string.IsNullOrWhiteSpace(line?.Sku), $"lines[{i}].sku", "is required.")
                .AddIf(line?.Quantity is < 1 or > MaxQuantity, $"lines[{i}].quantity", $"must be between 1 and {MaxQuantity}.");
        }

        return errors;
    }
}

public sealed record OrderLineRequest(string Sku, int Quantity);

/// <summary>Body of <c>POST /api/orders/{id}/cancel</c>; both fields optional.</summary>
public sealed record CancelOrderRequest(string? Reason = null, long? Version = null)
{
    public const int MaxReasonLength = 200;
    public const string DefaultReason = "cancelled by customer";

    public static ValidationErrors Validate(string? reason) =>
        new ValidationErrors().AddIf(reason?.Length > MaxReasonLength, "reason", $"must be at most {MaxReasonLength} characters.");

    /// <summary>The reason recorded: the one given, trimmed, or <see cref="DefaultReason"/>.</summary>
    public static string ReasonOrDefault(string? reason) => string.IsNullOrWhiteSpace(reason) ? DefaultReason : reason.Trim();
}
