using System.Reflection;
using System.Runtime.CompilerServices;
using Catalog.Service;
using NetArchTest.Rules;
using Ordering.Service;

namespace Architecture.Tests;

/// <summary>
/// An extracted service stands on its own: it shares the kernel (building blocks) and the modules'
/// public contracts with the monolith, never a module's implementation or the monolith's host, and
/// like a module it is internal and sealed behind one entry class.
/// </summary>
public sealed class ServiceBoundaryTests
{
    private static readonly Dictionary<string, Assembly> Services = new()
    {
        ["Catalog.Service"] = typeof(CatalogService).Assembly,
        ["Ordering.Service"] = typeof(OrderingService).Assembly,
    };

    public static TheoryData<string> Names => new(Services.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void A_service_references_no_module_implementation_and_not_the_monolith_host(string service)
    {
        var forbidden = Modules.All.Keys.Select(module => $"Shop.{module}").Append("Shop.Host").ToHashSet(StringComparer.Ordinal);

        var references = Services[service].GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.DoesNotContain(references, forbidden.Contains);
        var result = Types.InAssembly(Services[service]).ShouldNot().HaveDependencyOnAny([.. forbidden.Select(name => name + ".")]).GetResult();
        Assert.True(result.IsSuccessful, $"{service} uses: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [InlineData("Catalog.Service", "Catalog.Service.CatalogService")]
    [InlineData("Ordering.Service", "Ordering.Service.OrderingService")]
    public void A_service_exposes_only_its_static_entry_class(string service, string entry)
    {
        var exposed = Services[service].GetExportedTypes().Where(type => !IsGenerated(type)).Select(type => type.FullName).ToList();

        Assert.Equal([entry], exposed);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_concrete_class_of_a_service_is_sealed(string service)
    {
        var unsealed = Services[service].GetTypes()
            .Where(type => type.IsClass && !type.IsAbstract && !type.IsSealed && !IsGenerated(type))
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(unsealed);
    }

    // Migrations, compiler output, the top-level Program and what the OpenAPI source generator writes.
    private static bool IsGenerated(Type type) =>
        type.Namespace?.Contains(".Migrations", StringComparison.Ordinal) == true ||
        type.Namespace?.StartsWith("Microsoft.AspNetCore.OpenApi.Generated", StringComparison.Ordinal) == true ||
        type.IsDefined(typeof(CompilerGeneratedAttribute), false) ||
        type.Name == "Program";
}
