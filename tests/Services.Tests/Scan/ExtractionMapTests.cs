using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Strangler.Cli;
using Testing.Infrastructure;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Scan;

/// <summary>
/// The real monolith with Strangler.Scan on (one line in its host, as in Development), on PostgreSQL
/// and SQLite: known requests, then 'strangler scan report' against the sample's manifest. The same
/// map on both providers: which endpoint reads and writes which table, and per capability what blocks
/// its extraction. The recording is also saved when the host stops, whole, and reads back alike.
/// </summary>
public sealed class ExtractionMapTests
{
    private static readonly string Manifest = Path.Combine(RepositoryRoot.Path, "proxy", "Strangler.Facade", "appsettings.json");
    private const string Customer = "91b54824-c856-5077-b04f-1c2830659343";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Known_traffic_maps_endpoints_to_tables_and_names_what_blocks_each_capability(bool postgres)
    {
        var folder = TestRun.TempFolder("scan");
        var monolith = await ShopServer.StartOnAsync(postgres, new Dictionary<string, string?>
        {
            ["StranglerScan:Enabled"] = "true",
            ["StranglerScan:Directory"] = folder,
        });
        JsonNode live;
        try
        {
            (await monolith.Client.GetAsync("/api/catalog/products?pageSize=5")).EnsureSuccessStatusCode();
            (await monolith.Client.GetAsync("/api/catalog/products/by-sku/SKU-00001")).EnsureSuccessStatusCode();
            using (var order = await monolith.Client.PostAsJsonAsync("/api/orders", new { customerId = Customer, lines = new[] { new { sku = "SKU-00002", quantity = 1 } } }))
            {
                Assert.Equal(HttpStatusCode.Created, order.StatusCode);
            }

            using (var anonymous = await monolith.Client.GetAsync("/strangler-scan"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            var (exit, json) = await ReportAsync("--from", monolith.BaseAddress.ToString(), "--key", ShopServer.AdminKey, "--manifest", Manifest, "--format", "json");
            Assert.True(exit == 0, json);
            live = JsonNode.Parse(json)!;
        }
        finally
        {
            await monolith.DisposeAsync();
        }

        AssertTheMap(live);

        // Saved at stop, whole: the same map from the file.
        var saved = Assert.Single(Directory.GetFiles(folder, "*.json"));
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        var (fileExit, fromFile) = await ReportAsync("--input", folder, "--manifest", Manifest, "--format", "json");
        Assert.True(fileExit == 0, fromFile);
        AssertTheMap(JsonNode.Parse(fromFile)!);

        var html = Path.Combine(TestRun.TempFolder("scan-html"), "map.html");
        var (htmlExit, printed) = await ReportAsync("--input", saved, "--manifest", Manifest, "--format", "html", "--output", html);
        Assert.True(htmlExit == 0, printed);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<table id=\"matrix\">", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">POST /api/orders</th>", page, StringComparison.Ordinal);
        Assert.Contains("title=\"POST /api/orders writes ordering.Orders\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_reason_and_exit_2()
    {
        var folder = TestRun.TempFolder("scan-bad");
        var notARecording = Path.Combine(folder, "x.json");
        await File.WriteAllTextAsync(notARecording, """{"format":"something-else"}""");

        Assert.Equal(2, (await ReportAsync()).ExitCode);
        var (missing, missingText) = await ReportAsync("--input", Path.Combine(folder, "nope.json"));
        Assert.Equal(2, missing);
        Assert.Contains("does not exist", missingText, StringComparison.Ordinal);
        var (wrong, wrongText) = await ReportAsync("--input", notARecording);
        Assert.Equal(2, wrong);
        Assert.Contains("is not a scan recording", wrongText, StringComparison.Ordinal);
        var (format, formatText) = await ReportAsync("--input", notARecording, "--format", "pdf");
        Assert.Equal(2, format);
        Assert.Contains("pdf", formatText, StringComparison.Ordinal);
    }

    private static void AssertTheMap(JsonNode map)
    {
        var endpoints = map["endpoints"]!.AsArray().ToDictionary(e => (string)e!["endpoint"]!, e => e!);
        var list = endpoints["GET /api/catalog/products"];
        Assert.Equal("catalog-read", (string)list["capability"]!);
        Assert.Contains("catalog.Products", Names(list["reads"]));
        Assert.Empty(Names(list["writes"]));

        var place = endpoints["POST /api/orders"];
        Assert.Equal("ordering", (string)place["capability"]!);
        // Placing an order in the monolith writes the catalog's stock and the payments in the same request.
        Assert.Contains("ordering.Orders", Names(place["writes"]));
        Assert.Contains("catalog.Products", Names(place["writes"]));
        Assert.Contains("payments.Payments", Names(place["writes"]));

        var capabilities = map["capabilities"]!.AsArray().ToDictionary(c => (string)c!["capability"]!, c => c!);
        var catalog = capabilities["catalog-read"];
        Assert.Empty(catalog["writtenHereReadElsewhere"]!.AsArray());
        Assert.Contains(catalog["readHereWrittenElsewhere"]!.AsArray(), s => (string)s!["table"]! == "catalog.Products" && (string)s["with"]! == "ordering");
        var ordering = capabilities["ordering"];
        Assert.Contains(ordering["writtenHereReadElsewhere"]!.AsArray(), s => (string)s!["table"]! == "catalog.Products" && (string)s["with"]! == "catalog-read");
    }

    private static List<string> Names(JsonNode? tables) => [.. tables!.AsArray().Select(t => (string)t!)];

    private static async Task<(int ExitCode, string Output)> ReportAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StranglerCli.RunAsync(["scan", "report", .. arguments], output, error);
        return (exit, output + error.ToString());
    }
}
