using System.Collections.Concurrent;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Settings;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Routing;

/// <summary>
/// Asks Microsoft.FeatureManagement which variant, Legacy or Service, a request of a capability gets,
/// and keeps its answer for as long as the flag snapshot it was given for: in Legacy, Shadow and
/// Service mode one answer serves every request; in Canary mode, one per user (for requests without
/// groups, up to <see cref="MaxUsersPerSnapshot"/> users). The library stays the one that decides (its
/// allocation is deterministic per user and state); a known answer costs a lookup and allocates nothing.
/// </summary>
internal sealed class SideDecider(IVariantFeatureManager features, CapabilityStates states)
{
    public const int MaxUsersPerSnapshot = 10_000;
    private const string Everyone = "";

    private volatile SnapshotSides? _sides;

    /// <summary>
    /// The side for a request of <paramref name="capability"/>, in the <paramref name="mode"/> <paramref name="snapshot"/> gives it.
    /// In Canary mode a request further down a call chain (<paramref name="carried"/>) keeps the side the
    /// chain was given, and is decided for the chain's user where nothing was decided yet.
    /// </summary>
    public ValueTask<Side> DecideAsync(FlagSnapshot snapshot, Capability capability, CapabilityMode mode, HttpContext context, TargetingOptions targeting, ChainStamp? carried)
    {
        var key = Everyone;
        if (mode == CapabilityMode.Canary)
        {
            if (carried?.SideOf(capability.Name) is { } decided)
            {
                return new ValueTask<Side>(decided);
            }

            var headersCount = targeting.HeadersCount(capability.Auth);
            var user = carried is null ? RequestTargeting.UserId(context, targeting, headersCount) : carried.User;
            var groups = carried is null ? RequestTargeting.Groups(context, targeting, headersCount) : carried.Groups.Count > 0 ? [.. carried.Groups] : null;
            // A request with groups is asked every time: groups would make the key as large as the request.
            if (groups is not null)
            {
                return AskAsync(capability.Name, new TargetingContext { UserId = user, Groups = groups }, context.RequestAborted);
            }

            key = user ?? Everyone;
        }

        return _sides is { } sides && ReferenceEquals(sides.Snapshot, snapshot) && sides.Known.TryGetValue((capability.Name, key), out var side)
            ? new ValueTask<Side>(side)
            : AskAndKeepAsync(snapshot, capability.Name, key, context.RequestAborted);
    }

    private async ValueTask<Side> AskAndKeepAsync(FlagSnapshot snapshot, string capability, string user, CancellationToken cancellationToken)
    {
        var side = await AskAsync(capability, new TargetingContext { UserId = user.Length == 0 ? null : user, Groups = [] }, cancellationToken);
        // The feature manager reads the snapshot current while it decides; keep the answer only if that
        // is still the snapshot the request was routed by, so a change in between is never kept stale.
        if (ReferenceEquals(states.Current, snapshot))
        {
            var sides = _sides is { } existing && ReferenceEquals(existing.Snapshot, snapshot) ? existing : (_sides = new SnapshotSides(snapshot));
            sides.TryKeep(capability, user, side);
        }

        return side;
    }

    private async ValueTask<Side> AskAsync(string capability, TargetingContext targeting, CancellationToken cancellationToken)
    {
        var variant = await features.GetVariantAsync(capability, targeting, cancellationToken);
        return variant?.Name == CapabilityFeatures.ServiceVariant ? Side.Service : Side.Legacy;
    }

    private sealed class SnapshotSides(FlagSnapshot snapshot)
    {
        public FlagSnapshot Snapshot { get; } = snapshot;

        private int _count;

        public ConcurrentDictionary<(string Capability, string User), Side> Known { get; } = new();

        public void TryKeep(string capability, string user, Side side)
        {
            // A counter rather than Known.Count, which would take every lock of the dictionary.
            if (Volatile.Read(ref _count) < MaxUsersPerSnapshot && Known.TryAdd((capability, user), side))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
