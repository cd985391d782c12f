using Strangler.ServiceDefaults.Settings;
using Microsoft.Extensions.Configuration;
using Strangler.Contracts;
using Strangler.Facade.Settings;
using Testing.Infrastructure;

namespace Proxy.Tests.Settings;

/// <summary>Every way a manifest can be wrong is refused with a message naming the key.</summary>
public sealed class ManifestValidationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Strangler:DefaultCluster"] = "monolith",
        ["Strangler:Clusters:monolith:Destinations:0"] = "http://127.0.0.1:5100",
        ["Strangler:Clusters:catalog-service:Destinations:0"] = "http://127.0.0.1:5200",
        ["Strangler:Clusters:catalog-service:HealthPath"] = "/health/ready",
        ["Strangler:Capabilities:catalog-read:Routes:0:Path"] = "/api/catalog/{**rest}",
        ["Strangler:Capabilities:catalog-read:Routes:0:Methods:0"] = "get",
        ["Strangler:Capabilities:catalog-read:Legacy"] = "monolith",
        ["Strangler:Capabilities:catalog-read:Service"] = "catalog-service",
        ["Strangler:Capabilities:catalog-read:InitialState:Mode"] = "Canary",
        ["Strangler:Capabilities:catalog-read:InitialState:Percentage"] = "5",
        ["Strangler:Capabilities:catalog-read:Compare:IgnorePaths:0"] = "$.generatedAt",
    };

    [Fact]
    public void A_valid_manifest_is_read_with_defaults_filled_in()
    {
        var manifest = Read(Valid);

        var capability = Assert.Single(manifest.Capabilities);
        Assert.Equal(["GET"], capability.Routes.Single().Methods);
        Assert.True(capability.FallbackToLegacy);
        Assert.Equal(new CapabilityState(CapabilityMode.Canary, 5, [], []), capability.InitialState);
        Assert.Equal(TimeSpan.FromSeconds(30), manifest.Clusters["monolith"].RequestTimeout);
        Assert.Null(manifest.Clusters["monolith"].HealthPath);
        Assert.Equal("X-User-Id", manifest.Targeting.UserHeader);
    }

    public static TheoryData<string, string?, string> Problems => new()
    {
        { "Strangler:DefaultCluster", null, "Strangler:DefaultCluster is required" },
        { "Strangler:DefaultCluster", "nowhere", "Strangler:DefaultCluster names 'nowhere'" },
        { "Strangler:Clusters:monolith:Destinations:0", "ftp://example", "Strangler:Clusters:monolith:Destinations has 'ftp://example'" },
        { "Strangler:Clusters:monolith:Destinations:0", "127.0.0.1:5100", "Strangler:Clusters:monolith:Destinations has '127.0.0.1:5100'" },
        { "Strangler:Clusters:monolith:RequestTimeout", "soon", "Strangler:Clusters:monolith:RequestTimeout is 'soon'" },
        { "Strangler:Clusters:monolith:HealthPath", "health", "Strangler:Clusters:monolith:HealthPath is 'health'" },
        { "Strangler:Clusters:Monolith2:Destinations:0", "http://127.0.0.1:1", "the name 'Monolith2' must be lower-case" },
        { "Strangler:Clusters:monolith:Timeout", "00:00:01", "Strangler:Clusters:monolith:Timeout is not a known setting" },
        { "Strangler:Capabilities:catalog-read:Servce", "catalog-service", "Strangler:Capabilities:catalog-read:Servce is not a known setting" },
        { "Strangler:Capabilities:catalog-read:Service", "catalog-servce", "Strangler:Capabilities:catalog-read:Service names 'catalog-servce'" },
        { "Strangler:Capabilities:catalog-read:Service", "monolith", "is the same cluster as" },
        { "Strangler:Capabilities:catalog-read:Legacy", null, "Strangler:Capabilities:catalog-read:Legacy is required" },
        { "Strangler:Capabilities:catalog-read:Routes:0:Path", "api/catalog", "Strangler:Capabilities:catalog-read:Routes:0:Path is 'api/catalog'" },
        { "Strangler:Capabilities:catalog-read:Routes:0:Path", "/api/{unclosed", "is not a valid route pattern" },
        { "Strangler:Capabilities:catalog-read:Routes:0:Path", "/strangler/api/x", "which the façade keeps for itself" },
        { "Strangler:Capabilities:catalog-read:Routes:0:Methods:0", "FETCH", "Methods has 'FETCH'" },
        { "Strangler:Capabilities:catalog-read:InitialState:Mode", "Sideways", "InitialState:Mode is 'Sideways'" },
        { "Strangler:Capabilities:catalog-read:InitialState:Percentage", "101", "InitialState:Percentage is '101'" },
        { "Strangler:Capabilities:catalog-read:FallbackToLegacy", "sometimes", "FallbackToLegacy is 'sometimes'" },
        { "Strangler:Capabilities:catalog-read:Compare:IgnorePaths:0", "generatedAt", "Compare: 'generatedAt': a JSON path starts with '$'" },
        { "Strangler:Capabilities:catalog-read:Compare:UnorderedArrays:0:Path", "$.lines[", "Compare: '$.lines[': '[' at 7 is not closed" },
        { "Strangler:Capabilities:catalog-read:Compare:NumericTolerance", "-1", "Compare:NumericTolerance is '-1'" },
        { "Strangler:Capabilities:catalog-read:Compare:Ignore:0", "$.x", "Compare:Ignore is not a known setting" },
        { "Strangler:Capabilities:other:Routes:0:Path", "/api/catalog/{**rest}", "Path '/api/catalog/{**rest}' overlaps '/api/catalog/{**rest}' of capability 'catalog-read' for GET" },
        { "Strangler:Capabilities:other:Routes:0:Path", "/api/catalog/products/{id}", "Path '/api/catalog/products/{id}' overlaps '/api/catalog/{**rest}' of capability 'catalog-read' for GET" },
        { "Strangler:Capabilities:other:Routes:0:Path", "/API/Catalog", "Path '/API/Catalog' overlaps '/api/catalog/{**rest}' of capability 'catalog-read' for GET" },
        { "Strangler:Capabilities:other:Routes:0:Path", "/{area}/catalog/x", "Path '/{area}/catalog/x' overlaps '/api/catalog/{**rest}'" },
        { "Strangler:Capabilities:catalog-read:Routes:0:Path", "/posts/:id", "Path '/posts/:id': ':id' is another router's parameter syntax and would match only the literal text ':id'; in ASP.NET route syntax write {id}." },
        { "Strangler:Capabilities:catalog-read:Routes:0:Path", "/posts/*", "Path '/posts/*': '*' is a wildcard in another router's syntax" },
        { "Strangler:Capabilities:catalog-read:Routes:0:Path", "/posts/v1.*", "'v1.*' is a wildcard in another router's syntax" },
        { "Strangler:Capabilities:catalog-read:Routes:0:Methods", "GET", "Strangler:Capabilities:catalog-read:Routes:0:Methods is the string 'GET'; expected an array, such as [\"GET\"]." },
        { "Strangler:Clusters:monolith:Destinations", "http://127.0.0.1:5100", "Strangler:Clusters:monolith:Destinations is the string 'http://127.0.0.1:5100'; expected an array" },
        { "Strangler:Clusters:monolith:Host", "Original", "Strangler:Clusters:monolith:Host is 'Original'; expected Client" },
        { "Strangler:Clusters:monolith:HealthPath", "/health#ready", "HealthPath is '/health#ready'; a fragment (#) is never sent" },
        { "Strangler:Clusters:monolith:HealthPath", "/health ready", "HealthPath is '/health ready'; spaces and control characters must be escaped" },
        { "Strangler:Clusters:monolith:HealthPath", "//evil.example/health", "HealthPath is '//evil.example/health'; expected a path starting with a single '/'" },
        { "Strangler:Capabilities:empty:Legacy", "monolith", "Strangler:Capabilities:empty:Routes needs at least one route" },
        { "Strangler:Targeting:UseClientAddressWhenAnonymous", "maybe", "UseClientAddressWhenAnonymous is 'maybe'" },
        { "Strangler:Capabilities:catalog-read:Record", "often", "Strangler:Capabilities:catalog-read:Record is 'often'; expected a fraction from 0 to 1" },
        { "Strangler:Capabilities:catalog-read:Shadow:SampleRate", "2", "Shadow:SampleRate is '2'" },
        { "Strangler:Capabilities:catalog-read:Shadow:Timeout", "never", "Shadow:Timeout is 'never'" },
        { "Strangler:Capabilities:catalog-read:Shadow:DryRun", "true", "Shadow:DryRun is not a known setting" },
        { "Strangler:Unknown", "x", "Strangler:Unknown is not a known setting" },
        { "Strangler:Capabilities:catalog-read:Guardrails:MaxServiceErrorRate", "5%", "Guardrails:MaxServiceErrorRate is '5%'" },
        { "Strangler:Capabilities:catalog-read:Guardrails:MaxLatencyRatio", "0.5", "Guardrails:MaxLatencyRatio is '0.5'; expected a number from 1 to 100" },
        { "Strangler:Capabilities:catalog-read:Guardrails:Window", "forever", "Guardrails:Window is 'forever'" },
        { "Strangler:Capabilities:catalog-read:Guardrails:MinCallers", "17", "Guardrails:MinCallers is '17'; expected a whole number from 1 to 16" },
        { "Strangler:Capabilities:catalog-read:Guardrails:MaxErrors", "1", "Guardrails:MaxErrors is not a known setting" },
        { "Strangler:Capabilities:catalog-read:Guardrails:Promote:HoldFor", "00:01:00", "Guardrails:Promote:Steps is required" },
        { "Strangler:Capabilities:catalog-read:Guardrails:Promote:Steps:0", "150", "Guardrails:Promote:Steps has '150'" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void An_invalid_manifest_is_refused_with_a_message_naming_the_key(string key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };
        if (key.StartsWith("Strangler:Capabilities:other:", StringComparison.Ordinal))
        {
            settings["Strangler:Capabilities:other:Legacy"] = "monolith";
            settings["Strangler:Capabilities:other:Service"] = "catalog-service";
            settings["Strangler:Capabilities:other:Routes:0:Methods:0"] = "GET";
        }

        var exception = Assert.Throws<InvalidSettingsException>(() => Read(settings));

        Assert.Contains(exception.Problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/catalog2/{id}", "GET")]
    [InlineData("/api/catalog/{**rest}", "POST")]
    [InlineData("/api", "GET")]
    [InlineData("/api/orders/{id}", "GET")]
    public void Routes_that_no_request_could_match_both_of_are_accepted(string path, string method)
    {
        var settings = new Dictionary<string, string?>(Valid)
        {
            ["Strangler:Capabilities:other:Routes:0:Path"] = path,
            ["Strangler:Capabilities:other:Routes:0:Methods:0"] = method,
            ["Strangler:Capabilities:other:Legacy"] = "monolith",
            ["Strangler:Capabilities:other:Service"] = "catalog-service",
        };

        Assert.Equal(2, Read(settings).Capabilities.Count);
    }

    [Fact]
    public void A_health_path_may_carry_a_query()
    {
        var manifest = Read(new Dictionary<string, string?>(Valid) { ["Strangler:Clusters:catalog-service:HealthPath"] = "/health?full=1" });

        Assert.Equal("/health?full=1", manifest.Clusters["catalog-service"].HealthPath);
    }

    [Fact]
    public void Comparison_rules_are_read_into_the_comparers_own_rules()
    {
        var settings = new Dictionary<string, string?>(Valid)
        {
            ["Strangler:Capabilities:catalog-read:Compare:UnorderedArrays:0"] = "$.items",
            ["Strangler:Capabilities:catalog-read:Compare:UnorderedArrays:1:Path"] = "$.lines",
            ["Strangler:Capabilities:catalog-read:Compare:UnorderedArrays:1:Key"] = "sku",
            ["Strangler:Capabilities:catalog-read:Compare:NumericTolerance"] = "0.005",
            ["Strangler:Capabilities:catalog-read:Compare:NormalizeTimes"] = "true",
            ["Strangler:Capabilities:catalog-read:Compare:TimePrecision"] = "00:00:01",
            ["Strangler:Capabilities:catalog-read:Compare:Headers:0"] = "ETag",
        };

        var rules = Read(settings).Capabilities.Single().Compare;

        Assert.Equal(["$.generatedAt"], rules.IgnorePaths);
        Assert.Equal([new Strangler.Comparison.UnorderedArray("$.items"), new Strangler.Comparison.UnorderedArray("$.lines", "sku")], rules.UnorderedArrays);
        Assert.Equal(0.005m, rules.NumericTolerance);
        Assert.True(rules.NormalizeTimes);
        Assert.Equal(TimeSpan.FromSeconds(1), rules.TimePrecision);
        Assert.Equal(["ETag"], rules.Headers);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var settings = new Dictionary<string, string?>(Valid)
        {
            ["Strangler:DefaultCluster"] = "nowhere",
            ["Strangler:Capabilities:catalog-read:Service"] = "missing",
            ["Strangler:Capabilities:catalog-read:InitialState:Percentage"] = "-3",
        };

        var exception = Assert.Throws<InvalidSettingsException>(() => Read(settings));

        Assert.Equal(3, exception.Problems.Count);
    }

    [Fact]
    public void The_sample_manifest_shipped_in_the_facade_appsettings_is_valid()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "proxy", "Strangler.Facade");
        // Its capabilities check tokens; the keys they are checked against are the Development ones.
        var manifest = ManifestReader.Read(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(folder, "appsettings.json")).AddJsonFile(Path.Combine(folder, "appsettings.Development.json")).Build());
        var withoutKeys = Assert.Throws<InvalidSettingsException>(() =>
            ManifestReader.Read(new ConfigurationBuilder().AddJsonFile(Path.Combine(folder, "appsettings.json")).Build()));
        Assert.All(withoutKeys.Problems, problem => Assert.Contains("Strangler:Authentication is missing", problem, StringComparison.Ordinal));

        Assert.Equal("monolith", manifest.DefaultCluster);
        Assert.Equal(["catalog-read", "ordering"], manifest.Capabilities.Select(c => c.Name));
        Assert.All(manifest.Capabilities, c => Assert.Equal(CapabilityMode.Legacy, c.InitialState.Mode));
    }

    private static CapabilityManifest Read(Dictionary<string, string?> settings) =>
        ManifestReader.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
