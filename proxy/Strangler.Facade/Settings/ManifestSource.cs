using Strangler.ServiceDefaults.Settings;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Strangler.Contracts;

namespace Strangler.Facade.Settings;

/// <summary>
/// The manifest being served. On a configuration change it reads the manifest again: a valid one
/// replaces it (and <see cref="Changed"/> fires), an invalid one is refused with a logged reason and
/// the previous manifest keeps serving.
/// </summary>
internal sealed class ManifestSource : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger<ManifestSource> _logger;
    private readonly IDisposable _subscription;
    private readonly Lock _reloadLock = new();
    private string _fingerprint;
    private DateTimeOffset? _lastReloadAt;
    private string? _lastReloadError;

    private readonly ConfigurationGuard? _guard;

    public ManifestSource(IConfiguration configuration, TimeProvider time, ILogger<ManifestSource> logger, ConfigurationGuard? guard = null)
    {
        _guard = guard;
        _configuration = configuration;
        _time = time;
        _logger = logger;
        Current = ManifestReader.Read(configuration);
        _fingerprint = Fingerprint(Current);
        LoadedAt = time.GetUtcNow();
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    /// <summary>Raised after a valid, different manifest replaced the current one.</summary>
    public event Action<CapabilityManifest>? Changed;

    public CapabilityManifest Current { get; private set; }

    /// <summary>1 at start, one more for each manifest that replaced the previous one.</summary>
    public int Revision { get; private set; } = 1;

    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>What is served, and the last reload refused: a file change the configuration guard rejected, or a manifest this source refused.</summary>
    public ManifestStatus Status => _guard?.Rejection is { } rejected
        ? new(Revision, LoadedAt, Current.Capabilities.Select(c => c.Name).ToList(), rejected.At, $"{rejected.File}: {rejected.Why}")
        : new(Revision, LoadedAt, Current.Capabilities.Select(c => c.Name).ToList(), _lastReloadAt, _lastReloadError);

    private void Reload()
    {
        lock (_reloadLock)
        {
            _lastReloadAt = _time.GetUtcNow();
            CapabilityManifest next;
            try
            {
                next = ManifestReader.Read(_configuration);
            }
            catch (InvalidSettingsException exception)
            {
                _lastReloadError = exception.Message;
                _logger.LogError("Manifest reload refused; revision {Revision} keeps serving. {Reason}", Revision, exception.Message);
                return;
            }

            _lastReloadError = null;
            var fingerprint = Fingerprint(next);
            if (fingerprint == _fingerprint)
            {
                return; // file watchers report one save several times; only a real change counts
            }

            _fingerprint = fingerprint;
            Current = next;
            Revision++;
            LoadedAt = _lastReloadAt.Value;
            _logger.LogInformation("Manifest revision {Revision} loaded with capabilities {Capabilities}", Revision, next.Capabilities.Select(c => c.Name));
        }

        Changed?.Invoke(Current);
    }

    private static string Fingerprint(CapabilityManifest manifest) => JsonSerializer.Serialize(new
    {
        manifest.DefaultCluster,
        Clusters = manifest.Clusters.Values.OrderBy(c => c.Name, StringComparer.Ordinal),
        manifest.Capabilities,
        manifest.Targeting,
        Identity = manifest.Identity.Fingerprint,
    });

    public void Dispose() => _subscription.Dispose();
}
