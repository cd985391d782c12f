using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Strangler.ServiceDefaults.Persistence;

/// <summary>
/// What <c>dotnet ef</c> needs to build a context of each provider at design time, for a model that
/// keeps one context type per provider (EF Core's "multiple providers, separate context types"
/// pattern, each type owning its migrations folder). A host declares one line,
/// <c>sealed class XDesignTime() : ProviderDesignTime&lt;SqliteX, PostgresX, SqlServerX&gt;("schema");</c>,
/// and the tools find all three factories on it. Migrations are generated without a server: the
/// connection strings here are never opened.
/// </summary>
/// <param name="schema">The schema that holds the model's tables and its migrations history (PostgreSQL, SQL Server); the SQLite file's name.</param>
public abstract class ProviderDesignTime<TSqlite, TPostgres, TSqlServer>(string schema)
    : PostgresAndSqlServerDesignTime<TPostgres, TSqlServer>(schema), IDesignTimeDbContextFactory<TSqlite>
    where TSqlite : DbContext
    where TPostgres : DbContext
    where TSqlServer : DbContext
{
    TSqlite IDesignTimeDbContextFactory<TSqlite>.CreateDbContext(string[] args) =>
        Create(new DbContextOptionsBuilder<TSqlite>().UseSqlite($"Data Source={Schema}.db"));
}

/// <summary>The PostgreSQL and SQL Server halves of <see cref="ProviderDesignTime{TSqlite, TPostgres, TSqlServer}"/>.</summary>
/// <remarks>
/// Three base classes rather than one, because one generic class may not implement the same
/// interface for three type parameters (they could be the same type); a class and its base may.
/// </remarks>
public abstract class PostgresAndSqlServerDesignTime<TPostgres, TSqlServer>(string schema)
    : SqlServerDesignTime<TSqlServer>(schema), IDesignTimeDbContextFactory<TPostgres>
    where TPostgres : DbContext
    where TSqlServer : DbContext
{
    TPostgres IDesignTimeDbContextFactory<TPostgres>.CreateDbContext(string[] args) =>
        Create(new DbContextOptionsBuilder<TPostgres>().UseNpgsql(
            $"Host=localhost;Database={Schema}", npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", Schema)));
}

/// <summary>The SQL Server third of <see cref="ProviderDesignTime{TSqlite, TPostgres, TSqlServer}"/>.</summary>
public abstract class SqlServerDesignTime<TSqlServer>(string schema) : IDesignTimeDbContextFactory<TSqlServer>
    where TSqlServer : DbContext
{
    TSqlServer IDesignTimeDbContextFactory<TSqlServer>.CreateDbContext(string[] args) =>
        Create(new DbContextOptionsBuilder<TSqlServer>().UseSqlServer(
            $"Server=localhost;Database={Schema};TrustServerCertificate=true", sql => sql.MigrationsHistoryTable("__EFMigrationsHistory", Schema)));

    protected string Schema { get; } = schema;

    /// <summary>Each context type takes its options in its one constructor.</summary>
    protected static TContext Create<TContext>(DbContextOptionsBuilder<TContext> options)
        where TContext : DbContext =>
        (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
}
