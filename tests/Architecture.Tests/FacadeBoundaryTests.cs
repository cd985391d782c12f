using System.Reflection;
using System.Runtime.CompilerServices;
using NetArchTest.Rules;
using Strangler.Cli;
using Strangler.Comparison;
using Strangler.Contracts;
using Strangler.Facade;

namespace Architecture.Tests;

/// <summary>
/// The façade is a product of its own: it knows nothing of the sample shop, so a team can put it in
/// front of any monolith by configuration. Its parts are internal and sealed by default.
/// </summary>
public sealed class FacadeBoundaryTests
{
    public static TheoryData<string> FacadeAssemblies => ["Strangler.Facade", "Strangler.Cli", "Strangler.Contracts", "Strangler.Comparison"];

    private static readonly Dictionary<string, Assembly> Assemblies = new()
    {
        ["Strangler.Facade"] = typeof(FacadeApplication).Assembly,
        ["Strangler.Cli"] = typeof(StranglerCli).Assembly,
        ["Strangler.Contracts"] = typeof(CapabilityMode).Assembly,
        ["Strangler.Comparison"] = typeof(ResponseComparer).Assembly,
    };

    [Theory]
    [MemberData(nameof(FacadeAssemblies))]
    public void The_facade_does_not_depend_on_the_sample_shop(string assembly)
    {
        var result = Types.InAssembly(Assemblies[assembly]).ShouldNot().HaveDependencyOn("Shop").GetResult();
        Assert.True(result.IsSuccessful, $"{assembly} uses the shop: {string.Join(", ", result.FailingTypeNames ?? [])}");
        Assert.DoesNotContain(Assemblies[assembly].GetReferencedAssemblies(), name => name.Name!.StartsWith("Shop.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Strangler.Contracts")]
    [InlineData("Strangler.Comparison")]
    public void Shared_libraries_depend_on_nothing_but_the_base_library_and_the_comparer(string assembly)
    {
        // The admin contract shows the comparer's differences as they are: one model, not a copy.
        var references = Assemblies[assembly].GetReferencedAssemblies().Select(name => name.Name!).Where(name => name != "Strangler.Comparison");
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"{assembly} references {name}"));
    }

    [Theory]
    [InlineData("Strangler.Facade", "Strangler.Facade.FacadeApplication")]
    [InlineData("Strangler.Cli", "Strangler.Cli.StranglerCli")]
    public void The_facade_and_the_cli_expose_one_entry_class(string assembly, string entry)
    {
        var exposed = Assemblies[assembly].GetExportedTypes().Where(type => !IsGenerated(type)).Select(type => type.FullName).ToList();
        Assert.Equal([entry], exposed);
    }

    [Theory]
    [MemberData(nameof(FacadeAssemblies))]
    public void Every_concrete_class_is_sealed(string assembly)
    {
        var unsealed = Assemblies[assembly].GetTypes()
            .Where(type => type.IsClass && !type.IsAbstract && !type.IsSealed)
            .Where(type => !IsGenerated(type) && !type.IsDefined(typeof(CompilerGeneratedAttribute), false))
            .Select(type => type.FullName)
            .ToList();
        Assert.Empty(unsealed);
    }

    // EF migrations, the OpenAPI source generator's types, and the Program class of top-level statements.
    private static bool IsGenerated(Type type) =>
        type.Namespace?.Contains(".Migrations", StringComparison.Ordinal) == true ||
        type.Namespace?.StartsWith("Microsoft.AspNetCore.OpenApi.Generated", StringComparison.Ordinal) == true ||
        type.FullName == "Program";
}
