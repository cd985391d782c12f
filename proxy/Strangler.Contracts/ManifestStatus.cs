namespace Strangler.Contracts;

/// <summary>
/// The manifest the façade serves and what became of the last reload. A refused reload leaves
/// <see cref="Revision"/> as it was and says why in <see cref="LastReloadError"/>.
/// </summary>
public sealed record ManifestStatus(
    int Revision,
    DateTimeOffset LoadedAt,
    IReadOnlyList<string> Capabilities,
    DateTimeOffset? LastReloadAt,
    string? LastReloadError);
