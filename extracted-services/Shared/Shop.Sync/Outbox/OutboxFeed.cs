using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Shop.BuildingBlocks.Http;
using Shop.BuildingBlocks.Persistence;
using Shop.Kernel;

namespace Shop.Sync.Outbox;

/// <summary>One outbox event as the feed serves it; <see cref="Sequence"/> is the reader's cursor.</summary>
public sealed record OutboxFeedEntry(
    long Sequence, Guid EventId, string EventType, string AggregateId, long AggregateVersion, DateTime OccurredAt, JsonElement Payload);

/// <summary>A page of the feed; <see cref="Head"/> is the newest sequence, so a reader can tell its lag.</summary>
public sealed record OutboxFeedPage(IReadOnlyList<OutboxFeedEntry> Items, long Head);

/// <summary>
/// <c>GET /api/outbox/{module}?after=&amp;limit=</c>: each module's outbox, read in order by a relay
/// in another process (a service fed by the monolith, or the monolith fed back by a service). Pull,
/// not push, so the reader owns its cursor and either side may restart at any time.
/// </summary>
public static class OutboxFeedApi
{
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapOutboxFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/outbox/{module}", ReadAsync)
            .RequireShopAdmin()
            .WithTags("Outbox")
            .WithName("ReadOutbox")
            .WithSummary("Read a module's outbox in order, after a sequence number (admin).");
        return endpoints;
    }

    private static async Task<Results<Ok<OutboxFeedPage>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        string module, long? after, int? limit, IEnumerable<IModuleDatabase> databases, IServiceProvider services, CancellationToken cancellationToken) =>
        (await ReadPageAsync(module, after, limit, databases, services, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Result<OutboxFeedPage>> ReadPageAsync(
        string module, long? after, int? limit, IEnumerable<IModuleDatabase> databases, IServiceProvider services, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .AddIf(after < 0, "after", "must be 0 or more.")
            .AddIf(limit is < 1 or > MaxLimit, "limit", $"must be between 1 and {MaxLimit}.");
        if (!errors.IsEmpty)
        {
            return errors.ToError();
        }

        var database = databases.FirstOrDefault(d => string.Equals(d.ModuleName, module, StringComparison.OrdinalIgnoreCase));
        if (database is null)
        {
            return new Error(ErrorKind.NotFound, "No such outbox.",
                $"No module is named '{module}'; this host has: {string.Join(", ", databases.Select(d => d.ModuleName.ToLowerInvariant()))}.");
        }

        return await database.ReadAsync(services, (db, token) => ReadOutboxAsync(db, after ?? 0, limit ?? 100, token), cancellationToken);
    }

    /// <summary>Outbox rows after <paramref name="after"/>, oldest first, and the newest sequence there is.</summary>
    private static async Task<OutboxFeedPage> ReadOutboxAsync(DbContext db, long after, int limit, CancellationToken cancellationToken)
    {
        var outbox = db.Outbox().AsNoTracking();
        var rows = await outbox.Where(m => m.Sequence > after).OrderBy(m => m.Sequence).Take(limit).ToListAsync(cancellationToken);
        var head = await outbox.MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0;
        var entries = rows.Select(m => new OutboxFeedEntry(
            m.Sequence, m.EventId, m.EventType, m.AggregateId, m.AggregateVersion, m.OccurredAt,
            JsonSerializer.Deserialize<JsonElement>(m.Payload))).ToList();
        return new OutboxFeedPage(entries, head);
    }
}
