using Microsoft.Data.Sqlite;
using Npgsql;
using Shop.BuildingBlocks.Persistence;

namespace Testing.Infrastructure.Databases;

/// <summary>
/// One number from a module's own tables, for checks below a host's API: <c>{table}</c> in the SQL
/// becomes the table, in the module's schema on PostgreSQL or the module's own file on SQLite.
/// </summary>
public static class ModuleScalar
{
    public static async Task<long> ReadAsync(DatabaseOptions database, string module, string sqlWithTable, string table)
    {
        var postgres = database.Provider == DatabaseProvider.PostgreSql;
        await using System.Data.Common.DbConnection connection = postgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionStringFor(module));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var qualified = postgres ? $"\"{module.ToLowerInvariant()}\".\"{table}\"" : $"\"{table}\"";
        command.CommandText = sqlWithTable.Replace("{table}", qualified, StringComparison.Ordinal);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
