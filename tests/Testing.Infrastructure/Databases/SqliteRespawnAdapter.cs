using Microsoft.Data.Sqlite;
using Respawn;
using Respawn.Graph;

namespace Testing.Infrastructure.Databases;

/// <summary>
/// Respawn ships no SQLite adapter, so this one teaches it SQLite: tables from <c>sqlite_master</c>,
/// deleted children-first (ordered here from <c>pragma_foreign_key_list</c>, since Respawn's graph is
/// not public), and the AUTOINCREMENT counters reset. EF's migration history is kept.
/// </summary>
public sealed class SqliteRespawnAdapter : IDbAdapter
{
    private const string MigrationsHistory = "__EFMigrationsHistory";
    private readonly IReadOnlyList<string> _deleteOrder;

    private SqliteRespawnAdapter(IReadOnlyList<string> deleteOrder) => _deleteOrder = deleteOrder;

    /// <summary>A Respawner for one SQLite file.</summary>
    public static async Task<Respawner> CreateRespawnerAsync(SqliteConnection connection)
    {
        var tables = new List<string>();
        var references = new List<(string Child, string Parent)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '{MigrationsHistory}'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT m.name, p.\"table\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                references.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var adapter = new SqliteRespawnAdapter(ChildrenFirst(tables, references));
        return await Respawner.CreateAsync(connection, new RespawnerOptions { DbAdapter = adapter, TablesToIgnore = [new Table(MigrationsHistory)] });
    }

    public string BuildTableCommandText(RespawnerOptions options) =>
        $"SELECT '' AS schema_name, name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '{MigrationsHistory}'";

    public string BuildTemporalTableCommandText(RespawnerOptions options) => throw new NotSupportedException("SQLite has no temporal tables.");

    public string BuildRelationshipCommandText(RespawnerOptions options) =>
        "SELECT '', m.name, '', p.\"table\", m.name || '_fk_' || p.id FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table'";

    public string BuildDeleteCommandText(GraphBuilder builder, RespawnerOptions options) =>
        string.Concat(_deleteOrder.Select(table => $"DELETE FROM \"{table}\";\n"))
        + "DELETE FROM sqlite_sequence WHERE 1 = (SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_sequence');\n";

    public string BuildReseedSql(IEnumerable<Table> tablesToDelete) => "";

    public string BuildTurnOffSystemVersioningCommandText(IEnumerable<TemporalTable> tablesToTurnOffSystemVersioning) => "";

    public string BuildTurnOnSystemVersioningCommandText(IEnumerable<TemporalTable> tablesToTurnOnSystemVersioning) => "";

    public Task<bool> CheckSupportsTemporalTables(System.Data.Common.DbConnection connection) => Task.FromResult(false);

    public bool RequiresStatementsToBeExecutedIndividually() => false;

    private static List<string> ChildrenFirst(List<string> tables, List<(string Child, string Parent)> references)
    {
        var ordered = new List<string>();
        var remaining = new HashSet<string>(tables, StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            // A table can go once no remaining table still refers to it.
            var free = remaining.Where(table => !references.Any(r => r.Parent == table && r.Child != table && remaining.Contains(r.Child))).ToList();
            if (free.Count == 0)
            {
                throw new InvalidOperationException($"Foreign keys form a cycle among: {string.Join(", ", remaining)}.");
            }

            ordered.AddRange(free.OrderBy(table => table, StringComparer.Ordinal));
            remaining.ExceptWith(free);
        }

        return ordered;
    }
}
