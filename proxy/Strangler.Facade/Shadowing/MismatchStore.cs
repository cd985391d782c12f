using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Strangler.Comparison;
using Strangler.Contracts;
using Strangler.Facade.Flags;
using Strangler.Facade.Persistence;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// Keeps mismatches in the flag store's database, at most <see cref="ShadowOptions.MismatchRetention"/>
/// per capability (the oldest go first), so that every replica's findings can be read in one place.
/// </summary>
internal sealed class MismatchStore(IServiceScopeFactory scopes, ShadowOptions options, GoldenMaterials golden, TimeProvider time)
{
    private const int MaxDifferencesStored = 200;

    /// <param name="work">The copy and its primary.</param>
    /// <param name="legacy">The legacy side's answer.</param>
    /// <param name="candidate">The other side's.</param>
    /// <param name="result">What the comparison found.</param>
    /// <param name="rules">The rules it ran with, learned noise included: a golden case made from this mismatch keeps them.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public async Task<long> SaveAsync(
        ShadowWork work, CapturedResponse legacy, CapturedResponse candidate, ComparisonResult result, ComparisonRules rules, CancellationToken cancellationToken)
    {
        var differences = result.Differences.Take(MaxDifferencesStored).ToList();
        var differencesJson = JsonSerializer.Serialize(differences, FlagStore.Json);
        if (differencesJson.Length > MismatchRow.MaxStoredDifferences)
        {
            differencesJson = JsonSerializer.Serialize(differences.Take(20).ToList(), FlagStore.Json);
        }

        var legacyBody = StoredBody(legacy);
        var row = new MismatchRow
        {
            At = time.GetUtcNow(),
            Capability = work.Capability.Name,
            Method = work.Request.Method,
            Target = Cut(work.Request.Target, 2048),
            Direction = work.Request.DirectionName,
            CorrelationId = work.CorrelationId,
            LegacyStatus = legacy.Status,
            CandidateStatus = candidate.Status,
            LegacyBody = legacyBody.Text,
            CandidateBody = StoredBody(candidate).Text,
            DifferenceCount = result.Differences.Count,
            FirstDifference = Cut(result.Differences[0].Describe(), 1024),
            Differences = differencesJson,
            Golden = golden.Of(work.Request, legacy, legacyBody.Whole, rules),
        };

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacadeDbContext>();
        db.Mismatches.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var newestDropped = await db.Mismatches.Where(m => m.Capability == row.Capability)
            .OrderByDescending(m => m.Id).Skip(options.MismatchRetention).Select(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        if (newestDropped > 0)
        {
            await db.Mismatches.Where(m => m.Capability == row.Capability && m.Id <= newestDropped).ExecuteDeleteAsync(cancellationToken);
        }

        return row.Id;
    }

    public async Task<List<MismatchSummary>> ListAsync(string? capability, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacadeDbContext>();
        var query = db.Mismatches.AsNoTracking();
        if (capability is not null)
        {
            query = query.Where(m => m.Capability == capability);
        }

        return await query.OrderByDescending(m => m.Id).Take(limit)
            .Select(m => new MismatchSummary(m.Id, m.At, m.Capability, m.Method, m.Target, m.Direction,
                m.LegacyStatus, m.CandidateStatus, m.DifferenceCount, m.FirstDifference))
            .ToListAsync(cancellationToken);
    }

    public async Task<MismatchDetail?> FindAsync(long id, CancellationToken cancellationToken) =>
        await RowAsync(id, cancellationToken) is not { } m
            ? null
            : new MismatchDetail(m.Id, m.At, m.Capability, m.Method, m.Target, m.Direction, m.CorrelationId,
                m.LegacyStatus, m.CandidateStatus, m.LegacyBody, m.CandidateBody,
                JsonSerializer.Deserialize<List<Difference>>(m.Differences, FlagStore.Json) ?? []);

    /// <summary>The stored row itself: the detail above, and the golden case export.</summary>
    public async Task<MismatchRow?> RowAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FacadeDbContext>();
        return await db.Mismatches.AsNoTracking().SingleOrDefaultAsync(row => row.Id == id, cancellationToken);
    }

    /// <summary>
    /// The answer as stored: its text, cut to <see cref="MismatchRow.MaxStoredBody"/> with "…" where it
    /// was cut; <c>Whole</c> when nothing of it was left out, here or when it was captured.
    /// </summary>
    public static (string Text, bool Whole) StoredBody(CapturedResponse answer)
    {
        var text = Encoding.UTF8.GetString(answer.Body.Span);
        var cut = Cut(text, MismatchRow.MaxStoredBody);
        var captured = answer.Body.Length == answer.BodyLength;
        return (!captured && cut.Length == text.Length ? cut + "…" : cut, captured && cut.Length == text.Length);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
