using System.Runtime.CompilerServices;

namespace Architecture.Tests;

/// <summary>
/// Internal and sealed by default: a module shows the host one static entry class and nothing else;
/// everything it shows other modules lives in its contracts. Generated migrations are exempt.
/// </summary>
public sealed class VisibilityTests
{
    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_module_exposes_only_its_static_entry_class(string module)
    {
        var exposed = Modules.All[module].Implementation.GetExportedTypes()
            .Where(type => !IsGeneratedMigration(type))
            .Select(type => type.FullName)
            .ToList();
        Assert.Equal([$"Shop.{module}.{module}Module"], exposed);
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void Every_concrete_class_of_a_module_is_sealed(string module)
    {
        var unsealed = Modules.All[module].Implementation.GetTypes()
            .Where(type => type.IsClass && !type.IsAbstract && !type.IsSealed)
            .Where(type => !IsGeneratedMigration(type) && !type.IsDefined(typeof(CompilerGeneratedAttribute), false))
            .Select(type => type.FullName)
            .ToList();
        Assert.Empty(unsealed);
    }

    private static bool IsGeneratedMigration(Type type) => type.Namespace?.Contains(".Migrations", StringComparison.Ordinal) == true;
}
