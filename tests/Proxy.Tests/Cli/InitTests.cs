using Microsoft.Extensions.Configuration;
using Strangler.Facade.Settings;
using Testing.Infrastructure;

namespace Proxy.Tests.Cli;

/// <summary>
/// <c>strangler init --from-openapi</c> drafts a manifest the façade itself accepts: the legacy system as
/// the default cluster, one capability per tag (or first path segment) in Legacy mode, its paths and
/// methods as routes; it never overwrites a file and says why when its input is not OpenAPI.
/// </summary>
public sealed class InitTests
{
    private const string OpenApi = """
        {
          "openapi": "3.0.1",
          "paths": {
            "/pets": { "get": { "tags": [ "Pets" ] }, "post": { "tags": [ "Pets" ] } },
            "/pets/{pet-id}": { "get": { "tags": [ "Pets" ] }, "delete": { "tags": [ "Pets" ] }, "parameters": [] },
            "/store/inventory": { "get": { "tags": [ "Store Front" ] } },
            "/health": { "get": { } }
          }
        }
        """;

    [Fact]
    public async Task A_draft_from_an_openapi_document_is_a_manifest_the_facade_accepts()
    {
        var source = TestRun.TempFile("openapi", ".json");
        await File.WriteAllTextAsync(source, OpenApi);
        var draft = TestRun.TempFile("draft", ".json");

        var (exit, output) = await CliRun.RunAsync("init", "--from-openapi", source, "--legacy", "http://127.0.0.1:8080", "--output", draft);

        Assert.True(exit == 0, output);
        Assert.Contains($"Drafted {draft}.", output, StringComparison.Ordinal);
        var manifest = ManifestReader.Read(new ConfigurationBuilder().AddJsonFile(draft).Build());
        Assert.Equal("legacy", manifest.DefaultCluster);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), manifest.Clusters["legacy"].Destinations.Single());
        Assert.Equal(["health", "pets", "store-front"], manifest.Capabilities.Select(c => c.Name).Order());
        var pets = manifest.Find("pets")!;
        Assert.Equal([("/pets", "GET,POST"), ("/pets/{pet_id}", "DELETE,GET")], pets.Routes.Select(r => (r.Path, string.Join(",", r.Methods))));
        Assert.Equal("pets-service", pets.ServiceCluster);
        Assert.All(manifest.Capabilities, c => Assert.Equal(Strangler.Contracts.CapabilityMode.Legacy, c.InitialState.Mode));
    }

    [Fact]
    public async Task An_existing_file_is_never_overwritten()
    {
        var source = TestRun.TempFile("openapi", ".json");
        await File.WriteAllTextAsync(source, OpenApi);
        var existing = TestRun.TempFile("existing", ".json");
        await File.WriteAllTextAsync(existing, "keep me");

        var (exit, output) = await CliRun.RunAsync("init", "--from-openapi", source, "--legacy", "http://127.0.0.1:8080", "--output", existing);

        Assert.Equal(2, exit);
        Assert.Contains("exists already; init never overwrites a file", output, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task A_draft_for_a_folder_that_does_not_exist_yet_makes_the_folder_and_leaves_only_the_draft()
    {
        var source = TestRun.TempFile("openapi", ".json");
        await File.WriteAllTextAsync(source, OpenApi);
        var folder = Path.Combine(TestRun.TempFolder("init"), "config", "draft");
        var draft = Path.Combine(folder, "manifest.json");

        var (exit, output) = await CliRun.RunAsync("init", "--from-openapi", source, "--legacy", "http://127.0.0.1:8080", "--output", draft);

        Assert.True(exit == 0, output);
        Assert.Equal([draft], Directory.GetFiles(folder));
    }

    [Theory]
    [InlineData("""{ "swagger": "2.0" }""", "--legacy", "is not an OpenAPI document: it has no \"paths\" object.")]
    [InlineData("""{ "paths": {} }""", "--legacy", "has no operations under \"paths\"; nothing to draft.")]
    [InlineData(OpenApi, null, "--legacy is required when --from-openapi is a file")]
    public async Task Input_that_cannot_be_drafted_from_exits_2_saying_why(string content, string? legacy, string expected)
    {
        var source = TestRun.TempFile("openapi", ".json");
        await File.WriteAllTextAsync(source, content);

        var (exit, output) = await CliRun.RunAsync(legacy is null
            ? ["init", "--from-openapi", source]
            : ["init", "--from-openapi", source, legacy, "http://127.0.0.1:8080"]);

        Assert.Equal(2, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }
}
