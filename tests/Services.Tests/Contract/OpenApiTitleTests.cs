using System.Text.Json;
using Services.Tests.Fixtures;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Contract;

/// <summary>
/// Each part's OpenAPI document names the part, wherever it is hosted: hosted together they used to
/// share the entry assembly's name ("Strangler.AppHost", and here the test host's).
/// </summary>
[Collection(SqliteSides.Name)]
public sealed class OpenApiTitleTests(SqliteSideBySide sides) : SideBySideTests(sides)
{
    protected override bool Writes => false;

    [Fact]
    public async Task Every_part_titles_its_own_document()
    {
        await using var facade = await FacadeServer.StartAsync(new FacadeSettings().DefaultCluster("monolith").Cluster("monolith", Systems.Monolith.BaseAddress).NewSqliteStore());

        Assert.Equal("Shop monolith", await TitleAsync(Systems.Monolith.Client, "/openapi/v1.json"));
        Assert.Equal("catalog-service", await TitleAsync(Systems.Catalog.Client, "/openapi/v1.json"));
        Assert.Equal("ordering-service", await TitleAsync(Systems.Ordering.Client, "/openapi/v1.json"));
        Assert.Equal("Strangler façade admin API", await TitleAsync(facade.Admin, "/strangler/openapi/v1.json"));
    }

    private static async Task<string?> TitleAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("info").GetProperty("title").GetString();
    }
}
