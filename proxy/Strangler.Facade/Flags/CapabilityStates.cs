using Strangler.Facade.Settings;

namespace Strangler.Facade.Flags;

/// <summary>
/// The states this replica routes by: what the flag store holds, and the manifest's initial state for
/// any capability the store has never seen. Refreshed by <see cref="FlagStorePoller"/>, right after a
/// change made through this replica, and when the manifest changes.
/// </summary>
internal sealed class CapabilityStates
{
    private readonly FlagStore _store;
    private readonly ManifestSource _manifests;
    private readonly ILogger<CapabilityStates> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Dictionary<string, StoredState> _stored = new(StringComparer.Ordinal);
    private volatile FlagSnapshot _current;
    private long _readsStarted;
    private long _lastApplied;

    public CapabilityStates(FlagStore store, ManifestSource manifests, ILogger<CapabilityStates> logger)
    {
        _store = store;
        _manifests = manifests;
        _logger = logger;
        _current = Build(manifests.Current, _stored);
        manifests.Changed += manifest => _current = Build(manifest, _stored);
    }

    public FlagSnapshot Current => _current;

    /// <summary>
    /// Reads the store and swaps in a new snapshot when anything changed. The read runs outside the lock:
    /// one stuck on a connection the network lost holds nothing up, and a read begun after it may apply
    /// meanwhile. A read that began before the last one applied is dropped when it ends, never applied
    /// over newer states.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var read = Interlocked.Increment(ref _readsStarted);
        var stored = await _store.LoadAllAsync(cancellationToken);
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (read < _lastApplied)
            {
                return;
            }

            _lastApplied = read;
            if (SameVersions(stored, _stored))
            {
                return;
            }

            _stored = stored;
            var next = Build(_manifests.Current, stored);
            foreach (var (name, state) in next.States)
            {
                if (_current.Find(name) is { } before && before.Version != state.Version)
                {
                    _logger.LogInformation("Capability {Capability} is now {Mode} (version {Version}, by {UpdatedBy})",
                        name, state.State.Mode, state.Version, state.UpdatedBy);
                }
            }

            _current = next;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private static FlagSnapshot Build(CapabilityManifest manifest, Dictionary<string, StoredState> stored) =>
        new(manifest.Capabilities.ToDictionary(
            capability => capability.Name,
            capability => stored.GetValueOrDefault(capability.Name) ?? StoredState.Initial(capability.InitialState),
            StringComparer.Ordinal));

    private static bool SameVersions(Dictionary<string, StoredState> a, Dictionary<string, StoredState> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && other.Version == pair.Value.Version);
}
