using System.Reflection;
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
        foreach (var factory in Factories())
        {
            data.Add(factory.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProviderContexts))]
    public void Every_model_change_has_a_migration(string factoryName)
    {
        using var context = Create(factoryName);
        Assert.False(context.Database.HasPendingModelChanges(), $"{context.GetType().Name} has model changes without a migration: run dotnet ef migrations add.");
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Theory]
    [InlineData("SqlServerCatalogDesignFactory", "[catalog].[Products]")]
    [InlineData("SqlServerOrderingDesignFactory", "[ordering].[Orders]")]
    [InlineData("SqlServerPaymentsDesignFactory", "[payments].[Payments]")]
    public void SQL_Server_scripts_generate_here_with_each_module_in_its_schema(string factory, string table)
    {
        using var context = Create(Factories().Single(type => type.Name == factory).FullName!);
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains($"CREATE TABLE {table}", script, StringComparison.Ordinal);
        Assert.Contains("OutboxMessages", script, StringComparison.Ordinal);
    }

    private static IEnumerable<Type> Factories() =>
        new[] { typeof(CatalogModule), typeof(OrderingModule), typeof(PaymentsModule) }
            .SelectMany(module => module.Assembly.GetTypes())
            .Where(type => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)))
            .OrderBy(type => type.FullName, StringComparer.Ordinal);

    private static DbContext Create(string factoryName)
    {
        var factory = Factories().Single(type => type.FullName == factoryName);
        var instance = Activator.CreateInstance(factory, nonPublic: true)!;
        var create = factory.GetMethod("CreateDbContext", BindingFlags.Public | BindingFlags.Instance)!;
        return (DbContext)create.Invoke(instance, [Array.Empty<string>()])!;
    }
}
