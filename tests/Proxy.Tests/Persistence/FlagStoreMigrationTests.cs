using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Strangler.Facade.Persistence;

namespace Proxy.Tests.Persistence;

/// <summary>The flag store keeps one migration set per provider; these need no server.</summary>
public sealed class FlagStoreMigrationTests
{
    public static TheoryData<string> Providers => ["Sqlite", "PostgreSql", "SqlServer"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_model_change_has_a_migration(string provider)
    {
        using var context = Create(provider);
        Assert.False(context.Database.HasPendingModelChanges(), $"{context.GetType().Name} has model changes without a migration: run dotnet ef migrations add.");
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Fact]
    public void The_SQL_Server_script_generates_here_with_the_store_in_its_schema()
    {
        using var context = Create("SqlServer");
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [strangler].[CapabilityStates]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [strangler].[AuditEntries]", script, StringComparison.Ordinal);
    }

    private static FacadeDbContext Create(string provider) => provider switch
    {
        "Sqlite" => DesignTime<SqliteFacadeDbContext>(),
        "PostgreSql" => DesignTime<PostgresFacadeDbContext>(),
        _ => DesignTime<SqlServerFacadeDbContext>(),
    };

    // What `dotnet ef` finds and calls for each provider's context type.
    private static TContext DesignTime<TContext>()
        where TContext : DbContext =>
        ((IDesignTimeDbContextFactory<TContext>)(object)new FacadeDesignTime()).CreateDbContext([]);
}
