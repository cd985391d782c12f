namespace Strangler.AppHost.Readiness;

/// <summary>
/// One part of the sample as readiness sees it: its name, where it listens, the key its admin
/// endpoints take (null where loopback callers need none), and the probe that says what it still lacks.
/// </summary>
internal sealed record SamplePart(string Name, Uri BaseAddress, string? AdminKey, PartProbe Probe);

/// <summary>Null when the part is ready; otherwise what it is still waiting for, in words a person can act on.</summary>
internal delegate Task<string?> PartProbe(HttpClient http, SamplePart part, CancellationToken cancellationToken);
