using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Catalog;
using Shop.Ordering;
using Shop.Payments;

namespace Monolith.Tests.Persistence;

/// <summary>
/// Every module keeps one migration set per provider. These tests find each provider's context
/// through its design-time factory (as <c>dotnet ef</c> does) and need no server.
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<string> ProviderContexts()
    {
        var data = new TheoryData<string>();
        foreach (var (context, _) in DesignTimeFactories())
        {
            data.Add(context.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProviderContexts))]
    public void Every_model_change_has_a_migration(string contextName)
    {
        using var context = Create(contextName);
        Assert.False(context.Database.HasPendingModelChanges(), $"{context.GetType().Name} has model changes without a migration: run dotnet ef migrations add.");
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Fact]
    public void Each_module_has_a_design_time_context_for_each_provider()
    {
        Assert.Equal(
            ["PostgresCatalogDbContext", "PostgresOrderingDbContext", "PostgresPaymentsDbContext",
             "SqlServerCatalogDbContext", "SqlServerOrderingDbContext", "SqlServerPaymentsDbContext",
             "SqliteCatalogDbContext", "SqliteOrderingDbContext", "SqlitePaymentsDbContext"],
            DesignTimeFactories().Select(pair => pair.Context.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("SqlServerCatalogDbContext", "[catalog].[Products]")]
    [InlineData("SqlServerOrderingDbContext", "[ordering].[Orders]")]
    [InlineData("SqlServerPaymentsDbContext", "[payments].[Payments]")]
    public void SQL_Server_scripts_generate_here_with_each_module_in_its_schema(string contextName, string table)
    {
        using var context = Create(contextName);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains($"CREATE TABLE {table}", script, StringComparison.Ordinal);
        Assert.Contains("OutboxMessages", script, StringComparison.Ordinal);
    }

    // Each context type with the factory class that makes it, as `dotnet ef` finds them: one class may make all three.
    private static IEnumerable<(Type Context, Type Factory)> DesignTimeFactories() =>
        new[] { typeof(CatalogModule), typeof(OrderingModule), typeof(PaymentsModule) }
            .SelectMany(module => module.Assembly.GetTypes())
            .Where(type => !type.IsAbstract)
            .SelectMany(type => type.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>))
                .Select(i => (i.GetGenericArguments()[0], type)));

    private static DbContext Create(string contextName)
    {
        var (context, factory) = DesignTimeFactories().Single(pair => pair.Context.Name == contextName);
        var instance = Activator.CreateInstance(factory, nonPublic: true)!;
        var create = typeof(IDesignTimeDbContextFactory<>).MakeGenericType(context).GetMethod("CreateDbContext")!;
        return (DbContext)create.Invoke(instance, [Array.Empty<string>()])!;
    }
}
