using System.Text.RegularExpressions;

namespace Strangler.Scan;

/// <summary>
/// The tables one SQL command reads and writes, read off its text: what follows FROM and JOIN is
/// read, what follows INSERT INTO, UPDATE, DELETE FROM and MERGE INTO is written. Names lose their
/// quoting (<c>"x"</c>, <c>[x]</c>, <c>`x`</c>) and keep their schema (<c>catalog.Products</c>). It is
/// the SQL EF Core generates that this reads, not any SQL: enough to map who touches what.
/// </summary>
internal static partial class SqlTables
{
    public static (IReadOnlySet<string> Reads, IReadOnlySet<string> Writes) Of(string sql, string? qualifier = null)
    {
        string Name(string quoted)
        {
            var name = SqlTables.Name(quoted);
            return qualifier is null || name.Contains('.') ? name : qualifier + "." + name;
        }

        var writes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reads = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Written().Matches(sql))
        {
            writes.Add(Name(match.Groups["name"].Value));
        }

        foreach (Match match in Read().Matches(sql))
        {
            // "DELETE FROM x" names the table written, not one read.
            if (!IsDeleteTarget(sql, match.Index))
            {
                reads.Add(Name(match.Groups["name"].Value));
            }
        }

        reads.RemoveWhere(table => table.Length == 0 || (table.StartsWith('(')));
        return (reads, writes);
    }

    private static bool IsDeleteTarget(string sql, int fromAt) =>
        DeleteBefore().IsMatch(sql[Math.Max(0, fromAt - 12)..fromAt]);

    private static string Name(string quoted) =>
        string.Join('.', quoted.Split('.').Select(part => part.Trim().Trim('"', '[', ']', '`')));

    private const string Identifier = """(?:"[^"]+"|\[[^\]]+\]|`[^`]+`|[A-Za-z_][A-Za-z0-9_$]*)""";

    [GeneratedRegex(@"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|MERGE(?:\s+INTO)?)\s+(?<name>" + Identifier + @"(?:\s*\.\s*" + Identifier + @")?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Written();

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+(?<name>" + Identifier + @"(?:\s*\.\s*" + Identifier + @")?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Read();

    [GeneratedRegex(@"DELETE\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeleteBefore();
}
