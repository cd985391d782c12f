namespace Shop.BuildingBlocks.Persistence;

/// <summary>The relational engines a module can run on. Chosen by configuration, never by code.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded files, one per module: the default for a fresh clone.</summary>
    Sqlite,

    /// <summary>One database, one schema per module.</summary>
    PostgreSql,

    /// <summary>One database, one schema per module.</summary>
    SqlServer,
}
