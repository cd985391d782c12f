namespace Shop.Kernel;

/// <summary>Why a use case did not happen. Kinds map one-to-one onto HTTP statuses at the edge.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    PaymentDeclined,

    /// <summary>Something this use case depends on (another system) did not answer in time.</summary>
    Unavailable,
}

/// <summary>A refused request: what kind, a short title, a precise detail and, for validation, each field's reasons.</summary>
public sealed record Error(ErrorKind Kind, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Error NotFound(string what, object id) =>
        new(ErrorKind.NotFound, $"{what} not found.", $"No {what.ToLowerInvariant()} has the id '{id}'.");

    public static Error Conflict(string title, string detail) => new(ErrorKind.Conflict, title, detail);

    public static Error VersionConflict(string what, long expected, long actual) => Conflict(
        "The resource was changed by someone else.",
        $"The {what.ToLowerInvariant()} is at version {actual}, the request expected version {expected}. Read it again and retry.");
}
