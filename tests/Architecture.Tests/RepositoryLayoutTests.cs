using System.Text.RegularExpressions;

namespace Architecture.Tests;

/// <summary>
/// docs/08's end state is deleting <c>legacy-monolith/</c>: the services, the façade and the CLI must
/// still build then. So nothing outside it references a project inside it, except the sample's app
/// host (which runs the monolith) and the suites and bench that test or load the monolith, and those
/// only through its host.
/// </summary>
public sealed partial class RepositoryLayoutTests
{
    private const string Legacy = "legacy-monolith/";
    private const string SampleHost = "proxy/Strangler.AppHost/Strangler.AppHost.csproj";

    /// <summary>The sample's other host, under Aspire: it starts the monolith as a resource, as the one-process host composes it.</summary>
    private const string AspireHost = "proxy/Strangler.Aspire/Strangler.Aspire.csproj";
    private const string MonolithHost = "legacy-monolith/Shop.Host/Shop.Host.csproj";

    [Fact]
    public void No_service_or_facade_project_references_the_monolith()
    {
        var offending = References()
            .Where(r => (r.From.StartsWith("extracted-services/", StringComparison.Ordinal) || r.From.StartsWith("proxy/", StringComparison.Ordinal))
                && r.From != SampleHost && r.From != AspireHost && r.To.StartsWith(Legacy, StringComparison.Ordinal))
            .Select(r => $"{r.From} -> {r.To}")
            .ToList();

        Assert.True(offending.Count == 0, "Deleting legacy-monolith/ would break these:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void Tests_and_the_bench_reach_the_monolith_only_through_its_host()
    {
        var offending = References()
            .Where(r => !r.From.StartsWith(Legacy, StringComparison.Ordinal) && r.From != SampleHost && r.From != AspireHost
                && r.To.StartsWith(Legacy, StringComparison.Ordinal) && r.To != MonolithHost)
            .Select(r => $"{r.From} -> {r.To}")
            .ToList();

        Assert.True(offending.Count == 0, "These reach into the monolith past its host:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void The_modules_contracts_depend_on_the_package_free_kernel_only()
    {
        var contracts = References().Where(r => r.From.EndsWith(".Contracts.csproj", StringComparison.Ordinal) && r.From.Contains("/Shop.", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(contracts);
        Assert.All(contracts, r => Assert.Equal("extracted-services/Shared/Shop.Kernel/Shop.Kernel.csproj", r.To));
        var kernel = File.ReadAllText(Path.Combine(Root, "extracted-services/Shared/Shop.Kernel/Shop.Kernel.csproj"));
        Assert.DoesNotContain("PackageReference", kernel, StringComparison.Ordinal);
        Assert.DoesNotContain("FrameworkReference", kernel, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_defaults_the_facade_and_the_shop_share_know_neither()
    {
        const string defaults = "proxy/Strangler.ServiceDefaults/Strangler.ServiceDefaults.csproj";
        var references = References();

        Assert.Equal(["proxy/Strangler.Contracts/Strangler.Contracts.csproj"], references.Where(r => r.From == defaults).Select(r => r.To));
        Assert.Contains(("proxy/Strangler.Facade/Strangler.Facade.csproj", defaults), references);
        Assert.Contains(("extracted-services/Shared/Shop.BuildingBlocks/Shop.BuildingBlocks.csproj", defaults), references);
    }

    [Fact]
    public void The_sync_library_sits_on_the_shop_hosts_defaults_which_know_nothing_of_it()
    {
        const string sync = "extracted-services/Shared/Shop.Sync/Shop.Sync.csproj";
        const string buildingBlocks = "extracted-services/Shared/Shop.BuildingBlocks/Shop.BuildingBlocks.csproj";
        var references = References();

        Assert.Equal([buildingBlocks], references.Where(r => r.From == sync).Select(r => r.To));
        Assert.DoesNotContain(references, r => r.From == buildingBlocks && r.To == sync);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, "extracted-services/Shared/Shop.BuildingBlocks"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && File.ReadAllText(file).Contains("Shop.Sync.", StringComparison.Ordinal))
            .Select(Relative));
    }

    private static string Root => Testing.Infrastructure.RepositoryRoot.Path;

    /// <summary>Every project reference in the checkout, both ends relative to its root with forward slashes.</summary>
    private static List<(string From, string To)> References() =>
        [.. Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => ProjectReference().Matches(File.ReadAllText(file)).Select(match =>
            (
                From: Relative(file),
                To: Relative(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, match.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar))))
            )))];

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    [GeneratedRegex("<ProjectReference Include=\"(?<path>[^\"]+)\"")]
    private static partial Regex ProjectReference();
}
