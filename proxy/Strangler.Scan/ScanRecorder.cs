using System.Collections.Concurrent;
using System.Text.Json;
using Strangler.Contracts.Scan;

namespace Strangler.Scan;

/// <summary>
/// Counts, per endpoint, the commands that read and wrote each table, and saves the counts as one
/// <see cref="ScanRecording"/> file per run: written beside and moved over, so the file on disk is
/// always a whole snapshot, even if the host dies while saving.
/// </summary>
internal sealed class ScanRecorder(ScanOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Endpoint, string Table, string Access), long> _counts = new();
    private readonly DateTimeOffset _from = clock.GetUtcNow();
    private readonly Lock _saving = new();

    /// <summary>Where this run's snapshot is saved.</summary>
    public string File { get; } = Path.Combine(options.Directory, $"scan-{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Environment.ProcessId}.json");

    /// <param name="endpoint">Who ran it.</param>
    /// <param name="sql">The command's text.</param>
    /// <param name="qualifier">What a table named without a schema belongs to (see <see cref="ScanInterceptor.QualifierOf"/>).</param>
    public void Record(string endpoint, string sql, string? qualifier = null)
    {
        var (reads, writes) = SqlTables.Of(sql, qualifier);
        foreach (var table in reads)
        {
            _counts.AddOrUpdate((endpoint, table, "read"), 1, (_, n) => n + 1);
        }

        foreach (var table in writes)
        {
            _counts.AddOrUpdate((endpoint, table, "write"), 1, (_, n) => n + 1);
        }
    }

    public ScanRecording Snapshot() => new(
        ScanRecording.CurrentFormat, options.Host, _from, clock.GetUtcNow(),
        [.. _counts.Select(pair => new TableAccess(pair.Key.Endpoint, pair.Key.Table, pair.Key.Access, pair.Value))
            .OrderBy(a => a.Endpoint, StringComparer.Ordinal).ThenBy(a => a.Table, StringComparer.Ordinal).ThenBy(a => a.Access, StringComparer.Ordinal)]);

    /// <summary>Writes the snapshot; nothing when nothing was recorded yet.</summary>
    public void Save()
    {
        if (_counts.IsEmpty)
        {
            return;
        }

        lock (_saving)
        {
            Directory.CreateDirectory(options.Directory);
            var partial = File + ".partial";
            System.IO.File.WriteAllText(partial, JsonSerializer.Serialize(Snapshot(), ScanJson.Options));
            System.IO.File.Move(partial, File, overwrite: true);
        }
    }
}

/// <summary>How scan files are written: indented JSON, camelCase.</summary>
internal static class ScanJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
