namespace Strangler.Contracts;

/// <summary>
/// The rule every hop applies to <see cref="StranglerHeaders.CorrelationId"/>: the id it was sent, when it
/// is well formed (1 to 128 ASCII letters, digits and <c>- _ . :</c>), else a new one. A missing or
/// malformed id is replaced rather than refused: it is diagnostics, not input, and it goes onto log lines.
/// </summary>
public static class CorrelationIds
{
    public const int MaxLength = 128;

    public static string AcceptOrStart(string? sent) =>
        sent is { Length: > 0 and <= MaxLength } && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? sent
            : Guid.CreateVersion7().ToString("N");
}
