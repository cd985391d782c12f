using Shop.BuildingBlocks.Hosting;
using Microsoft.Extensions.Configuration;

namespace Shop.BuildingBlocks.Persistence;

/// <summary>
/// The <c>Database</c> configuration section. SQLite needs only a folder (each module gets its own
/// file, which is how SQLite stands in for a schema); PostgreSQL and SQL Server share one database
/// and separate the modules by schema.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string? ConnectionString, string SqliteDirectory)
{
    public const string SectionName = "Database";

    /// <summary>Reads and validates the section; a bad value stops start-up with a message naming the key.</summary>
    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var providerText = section["Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw ShopSettings.Refused(
                $"{SectionName}:Provider is '{providerText}'; expected one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        var connectionString = section["ConnectionString"];
        if (provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            throw ShopSettings.Refused(
                $"{SectionName}:ConnectionString is required when {SectionName}:Provider is {provider}.");
        }

        var directory = section["SqliteDirectory"];
        return new DatabaseOptions(provider, connectionString, string.IsNullOrWhiteSpace(directory) ? "data" : directory);
    }

    /// <summary>The connection string one module uses.</summary>
    public string ConnectionStringFor(string moduleName) => Provider switch
    {
        DatabaseProvider.Sqlite when !string.IsNullOrWhiteSpace(ConnectionString) =>
            ConnectionString.Replace("{module}", moduleName.ToLowerInvariant(), StringComparison.Ordinal),
        DatabaseProvider.Sqlite =>
            $"Data Source={Path.GetFullPath(Path.Combine(SqliteDirectory, moduleName.ToLowerInvariant() + ".db"))}",
        _ => ConnectionString!,
    };
}
