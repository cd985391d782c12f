namespace Shop.Sync.Feeds;

/// <summary>What a person sees after a service's <c>backfill</c> or <c>sync</c> command.</summary>
public static class SyncReports
{
    public static int PrintBackfill(BackfillReport report)
    {
        var start = report.Resumed ? $"resumed at page {report.FromPage}" : "from the start";
        Console.WriteLine(
            $"Backfill of {report.Dataset} {start}: {report.Pages} page(s), {report.Inserted} inserted, {report.Updated} updated, " +
            $"{report.Unchanged} unchanged. Change sync continues after outbox sequence {report.FeedCursor}.");
        return 0;
    }

    public static int PrintSync(string feed, int applied)
    {
        Console.WriteLine($"Sync from {feed}: {applied} new event(s) applied; in step with the feed.");
        return 0;
    }
}
