namespace Shop.Kernel;

/// <summary>
/// An amount in a currency, as it travels in JSON. Stored as minor units (cents) because SQLite
/// cannot sort or compare decimals and the same model must run on all three providers.
/// </summary>
public sealed record Money(decimal Amount, string Currency)
{
    /// <summary>Every currency in the sample has two decimals; amounts with more are refused, not rounded.</summary>
    public const int Decimals = 2;

    public long ToMinorUnits() => MinorUnitsOf(Amount);

    /// <summary>A bare amount (a filter bound, a refund) in minor units, for comparing with stored prices.</summary>
    public static long MinorUnitsOf(decimal amount) => decimal.ToInt64(amount * 100m);

    public static Money FromMinorUnits(long minorUnits, string currency) => new(minorUnits / 100m, currency);

    /// <summary>True for three upper-case ASCII letters, the shape of an ISO 4217 code.</summary>
    public static bool IsCurrencyCode(string? currency) =>
        currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper);

    /// <summary>True when the amount has at most <see cref="Decimals"/> decimals.</summary>
    public static bool HasValidScale(decimal amount) => decimal.Round(amount, Decimals) == amount;
}
