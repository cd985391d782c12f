using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Strangler.Contracts;
using Strangler.Facade.Persistence;

namespace Strangler.Facade.Flags;

/// <summary>
/// Reads and writes capability states in the database that every replica shares. A change and its
/// audit entry commit together or not at all; the version column makes a lost update impossible.
/// </summary>
internal sealed class FlagStore(IServiceScopeFactory scopes, TimeProvider time, Observability.FacadeMetrics metrics, ILogger<FlagStore> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Every stored state, by capability name.</summary>
    public async Task<Dictionary<string, StoredState>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacadeDbContext>();
        var rows = await db.CapabilityStates.AsNoTracking().ToListAsync(cancellationToken);
        return rows.ToDictionary(row => row.Capability, ToStored, StringComparer.Ordinal);
    }

    public async Task<StoredState?> FindAsync(string capability, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacadeDbContext>();
        var row = await db.CapabilityStates.AsNoTracking().SingleOrDefaultAsync(s => s.Capability == capability, cancellationToken);
        return row is null ? null : ToStored(row);
    }

    /// <summary>
    /// Replaces <paramref name="current"/> with <paramref name="next"/> and audits it, in one transaction.
    /// Throws <see cref="StateConflictException"/> when the stored version is no longer <paramref name="current"/>'s.
    /// </summary>
    public async Task<StoredState> SaveAsync(
        string capability, StoredState current, CapabilityState next, string who, string reason, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacadeDbContext>();
        var now = time.GetUtcNow();
        var row = new CapabilityStateRow
        {
            Capability = capability,
            Mode = next.Mode.ToString(),
            Percentage = next.Percentage,
            Users = JsonSerializer.Serialize(next.Users, Json),
            Groups = JsonSerializer.Serialize(next.Groups, Json),
            Version = current.Version,
            UpdatedAt = now,
            UpdatedBy = who,
        };

        if (current.Version == 0)
        {
            row.Version = 1;
            db.CapabilityStates.Add(row);
        }
        else
        {
            db.CapabilityStates.Attach(row);
            db.Entry(row).State = EntityState.Modified;
            db.Entry(row).Property(r => r.Version).OriginalValue = current.Version;
            row.Version = current.Version + 1;
        }

        db.AuditEntries.Add(new AuditEntryRow
        {
            At = now,
            Who = who,
            Capability = capability,
            Before = current.Version == 0 ? null : JsonSerializer.Serialize(current.State, Json),
            After = JsonSerializer.Serialize(next, Json),
            Reason = reason,
        });

        try
        {
            await db.SaveChangesAsync(cancellationToken); // one implicit transaction: state and audit together
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StateConflictException(capability, current.Version);
        }
        catch (DbUpdateException) when (current.Version == 0)
        {
            // Another replica inserted the first row at the same moment: the key is taken.
            throw new StateConflictException(capability, current.Version);
        }

        metrics.FlagChanged(capability, next.Mode);
        await AnnounceAsync(db, capability);
        return new StoredState(next, row.Version, now, who);
    }

    // After the commit, so a replica that hears it reads the change. Best effort: the change is saved,
    // and a replica that misses the announcement reads it at its next poll.
    private async Task AnnounceAsync(FacadeDbContext db, string capability)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({FlagStoreListener.Channel}, {capability})");
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
        {
            logger.LogWarning("Saved the change to {Capability} but could not announce it ({Reason}); other replicas read it at their next poll",
                capability, exception.GetBaseException().Message);
        }
    }

    /// <summary>The newest audit entries first, for one capability or all.</summary>
    public async Task<List<AuditEntry>> ReadAuditAsync(string? capability, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacadeDbContext>();
        var query = db.AuditEntries.AsNoTracking();
        if (capability is not null)
        {
            query = query.Where(a => a.Capability == capability);
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(row => new AuditEntry(
            row.Id,
            row.At,
            row.Who,
            row.Capability,
            row.Before is null ? null : JsonSerializer.Deserialize<CapabilityState>(row.Before, Json),
            JsonSerializer.Deserialize<CapabilityState>(row.After, Json)!,
            row.Reason)).ToList();
    }

    private static StoredState ToStored(CapabilityStateRow row) => new(
        new CapabilityState(
            Enum.Parse<CapabilityMode>(row.Mode),
            row.Percentage,
            JsonSerializer.Deserialize<List<string>>(row.Users, Json) ?? [],
            JsonSerializer.Deserialize<List<string>>(row.Groups, Json) ?? []),
        row.Version,
        row.UpdatedAt,
        row.UpdatedBy);
}
