using Shop.BuildingBlocks.Hosting;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Kernel;
using Shop.BuildingBlocks.Persistence;

namespace Shop.Sync.Feeds;

public enum ImportOutcome
{
    Inserted,
    Updated,
    Unchanged,
}

/// <summary>Writes one exported row into this side's tables, only when it is newer than what is held.</summary>
public interface IRowImporter<in TContext, in TRow>
    where TContext : ModuleDbContext
{
    Task<ImportOutcome> ImportAsync(TContext db, TRow row, CancellationToken cancellationToken);
}

/// <summary>What a backfill did; a second run over unchanged data reports only <see cref="Unchanged"/> rows.</summary>
public sealed record BackfillReport(string Dataset, bool Resumed, int FromPage, int Pages, int Inserted, int Updated, int Unchanged, long FeedCursor);

/// <summary>
/// Copies a dataset from another system's export (<see cref="ExportApi"/>) a page at a time, each
/// page in one transaction with the progress row, so an interrupted run resumes at the page it
/// stopped on. Before the first page it notes the feed's head (less a small replay margin); when the
/// last page is in, and the feed has no cursor yet, that becomes the cursor and change sync starts:
/// events from then on are the relay's job, and events before it are already in what was copied.
/// Overlap is harmless because rows and events only ever move a row to a newer version.
/// </summary>
public sealed class Backfill<TContext, TRow>(IServiceScopeFactory scopes, HttpClient http, OutboxFeedClient feedClient, FeedOptions feed, TimeProvider clock)
    where TContext : ModuleDbContext
{
    public const int PageSize = 100;
    public const int ReplayMargin = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<BackfillReport> RunAsync(string dataset, CancellationToken cancellationToken)
    {
        if (feed.Url is null)
        {
            throw ShopSettings.Refused($"{FeedOptions.SectionName}:{feed.Name}:Url is not set: the backfill copies from the same system the feed reads.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var importer = scope.ServiceProvider.GetRequiredService<IRowImporter<TContext, TRow>>();
        var progress = await db.Set<BackfillProgress>().SingleOrDefaultAsync(p => p.Dataset == dataset, cancellationToken);
        var resumed = progress is { Completed: false, NextPage: > 1 };
        if (progress is null || progress.Completed || progress.NextPage == 1)
        {
            // A fresh start (or a finished backfill run again, which walks everything and, data
            // unchanged, changes nothing). A write still committing below the head would be neither
            // in the copy nor after it; starting sync a little earlier replays a few events, harmlessly.
            var head = (await feedClient.ReadAsync(feed, long.MaxValue, cancellationToken)).Head;
            if (progress is null)
            {
                progress = new BackfillProgress { Dataset = dataset };
                db.Set<BackfillProgress>().Add(progress);
            }

            progress.NextPage = 1;
            progress.Completed = false;
            progress.Copied = 0;
            progress.StartPosition = Math.Max(0, head - ReplayMargin);
        }

        progress.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);

        var fromPage = progress.NextPage;
        int pages = 0, inserted = 0, updated = 0, unchanged = 0;
        while (true)
        {
            var page = await ReadPageAsync(dataset, progress.NextPage, cancellationToken);
            await using var transaction = await db.Database.BeginUnitAsync(cancellationToken);
            foreach (var row in page.Items)
            {
                switch (await importer.ImportAsync(db, row, cancellationToken))
                {
                    case ImportOutcome.Inserted: inserted++; break;
                    case ImportOutcome.Updated: updated++; break;
                    default: unchanged++; break;
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            pages++;
            progress.Copied += page.Items.Count;
            progress.Completed = progress.NextPage >= page.TotalPages;
            progress.NextPage++;
            progress.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (progress.Completed)
            {
                var cursor = await StartSyncAsync(db, progress.StartPosition, cancellationToken);
                return new BackfillReport(dataset, resumed, fromPage, pages, inserted, updated, unchanged, cursor);
            }

            progress = await db.Set<BackfillProgress>().SingleAsync(p => p.Dataset == dataset, cancellationToken);
        }
    }

    // Only now may the relay start: had it started with the copy, both would write the same rows at once.
    private async Task<long> StartSyncAsync(TContext db, long position, CancellationToken cancellationToken)
    {
        var cursor = await db.Set<SyncCursor>().SingleOrDefaultAsync(c => c.Feed == feed.Name, cancellationToken);
        if (cursor is not null)
        {
            return cursor.Position; // sync already runs from an earlier backfill; its place stands
        }

        db.Set<SyncCursor>().Add(new SyncCursor { Feed = feed.Name, Position = position, UpdatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return position;
    }

    private Task<PagedResult<TRow>> ReadPageAsync(string dataset, int page, CancellationToken cancellationToken) =>
        OutboxFeedClient.GetAsync<PagedResult<TRow>>(http, feed, $"/api/sync/export/{dataset}?page={page}&pageSize={PageSize}", Json, cancellationToken);
}
