using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace Architecture.Tests;

/// <summary>A module reaches another only through its contracts: never its types, tables or DbContext.</summary>
public sealed class ModuleBoundaryTests
{
    [Theory]
    [MemberData(nameof(Modules.Pairs), MemberType = typeof(Modules))]
    public void A_module_uses_no_type_of_another_modules_implementation(string module, string other)
    {
        var forbidden = Modules.All[other].Implementation.GetTypes().Select(type => type.FullName!).ToArray();

        var result = Types.InAssembly(Modules.All[module].Implementation).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{module} uses {other} internals: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(Modules.Pairs), MemberType = typeof(Modules))]
    public void A_module_does_not_even_reference_another_modules_implementation_assembly(string module, string other)
    {
        var references = Modules.All[module].Implementation.GetReferencedAssemblies().Select(name => name.Name);
        Assert.DoesNotContain(Modules.All[other].Implementation.GetName().Name, references);
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void Contracts_carry_no_persistence_and_no_implementation(string module)
    {
        var contracts = Modules.All[module].Contracts;
        var result = Types.InAssembly(contracts).ShouldNot().HaveDependencyOn("Microsoft.EntityFrameworkCore").GetResult();
        Assert.True(result.IsSuccessful, $"{module} contracts depend on EF Core: {string.Join(", ", result.FailingTypeNames ?? [])}");
        var implementations = Modules.All.Values.Select(pair => pair.Implementation.GetName().Name);
        Assert.Empty(contracts.GetReferencedAssemblies().Select(name => name.Name).Intersect(implementations));
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void Each_module_has_its_own_DbContext_and_no_other_modules(string module)
    {
        var contexts = Modules.All[module].Implementation.GetTypes().Where(type => type.IsSubclassOf(typeof(DbContext))).ToList();
        Assert.NotEmpty(contexts);
        Assert.All(contexts, context => Assert.StartsWith($"Shop.{module}.", context.FullName, StringComparison.Ordinal));
    }
}
