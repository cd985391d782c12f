using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Admin;

[Collection(ShopBehindFacade.Name)]
public sealed class AdminApiTests(FacadeFixture fixture) : FacadeTests(fixture)
{
    private static readonly string Capability = AdminRoutes.Capability(FacadeFixture.CatalogRead);

    [Fact]
    public async Task Listing_shows_every_capability_with_its_state_routes_and_health()
    {
        var capabilities = (await Facade.Admin.GetFromJsonAsync<List<CapabilityView>>(AdminRoutes.Capabilities, AdminJson.Options))!;

        Assert.Equal([FacadeFixture.CatalogRead, FacadeFixture.Ordering], capabilities.Select(c => c.Name));
        var catalog = capabilities[0];
        Assert.Equal(CapabilityState.Legacy, catalog.State);
        Assert.Equal(0, catalog.Version);
        Assert.Equal(FacadeFixture.Monolith, catalog.LegacyCluster);
        Assert.Equal(FacadeFixture.StandInName, catalog.ServiceCluster);
        Assert.Equal(ClusterHealth.Healthy, catalog.ServiceHealth);
        Assert.Contains(catalog.Routes, r => r.Path == "/api/catalog/categories" && r.Methods.SequenceEqual(["GET"]));
    }

    [Fact]
    public async Task Every_change_is_audited_with_who_when_before_after_and_why()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Canary, 10, ["alice"], Reason: "first canary"));
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(Percentage: 25, Reason: "looks good"));

        var audit = await Facade.Admin.GetFromJsonAsync<List<AuditEntry>>($"{AdminRoutes.Audit}?capability={FacadeFixture.CatalogRead}", AdminJson.Options);

        Assert.Equal(2, audit!.Count);
        var latest = audit[0];
        Assert.Equal(FacadeServer.AdminKeyName, latest.Who);
        Assert.Equal(FacadeFixture.CatalogRead, latest.Capability);
        Assert.Equal("looks good", latest.Reason);
        Assert.Equal(new CapabilityState(CapabilityMode.Canary, 10, ["alice"], []), latest.Before);
        Assert.Equal(new CapabilityState(CapabilityMode.Canary, 25, ["alice"], []), latest.After);
        Assert.InRange(latest.At, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Null(audit[1].Before);
        Assert.Equal("first canary", audit[1].Reason);
    }

    [Fact]
    public async Task A_change_to_the_current_state_writes_no_audit_entry()
    {
        var view = await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Legacy, Reason: "no-op"));
        Assert.Equal(0, view.Version);
        Assert.Empty((await Facade.Admin.GetFromJsonAsync<List<AuditEntry>>(AdminRoutes.Audit, AdminJson.Options))!);
    }

    [Fact]
    public async Task Without_a_valid_key_the_admin_api_answers_401_problems()
    {
        using var anonymous = await Facade.Client.GetAsync(AdminRoutes.Capabilities);
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        using var wrongKey = new HttpRequestMessage(HttpMethod.Patch, Capability)
        {
            Content = JsonContent.Create(new { mode = "Service", reason = "sneaky" }),
        };
        wrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");
        using var refused = await Facade.Client.SendAsync(wrongKey);
        await AssertProblemAsync(refused, HttpStatusCode.Unauthorized);

        await AssertUnchangedAsync();
    }

    public static TheoryData<string, string, string> InvalidChanges => new()
    {
        { """{"mode":"Blue","reason":"x"}""", "$.mode", "unknown mode" },
        { """{"mode":3,"reason":"x"}""", "$.mode", "mode as a number" },
        { """{"mode":"Canary ","reason":"x"}""", "$.mode", "mode with a trailing space" },
        { """{"mode":"Legacy, Service","reason":"x"}""", "$.mode", "two modes as a list" },
        { """{"mode":"Legacy","mode":"Service","reason":"x"}""", "$.mode", "mode given twice" },
        { """{"percentage":150,"reason":"x"}""", "percentage", "percentage above 100" },
        { """{"percentage":-1,"reason":"x"}""", "percentage", "negative percentage" },
        { """{"percentage":"50","reason":"x"}""", "$.percentage", "percentage as a string" },
        { """{"mode":"Canary"}""", "reason", "missing reason" },
        { """{"mode":"Canary","reason":"   "}""", "reason", "blank reason" },
        { """{"mode":"Canary","percent":50,"reason":"x"}""", "$.percent", "misspelt field" },
        { """{"mode":"Canary","users":["alice",""],"reason":"x"}""", "users", "empty user" },
        { """{"mode":"Canary","groups":["a","a"],"reason":"x"}""", "groups", "repeated group" },
        { """{"reason":"x"}""", "$", "nothing to change" },
        { """{"mode":"Canary","reason":"x""", "$.reason", "truncated JSON" },
        { "[1,2]", "$", "an array" },
        { "null", "$", "null" },
    };

    [Theory]
    [MemberData(nameof(InvalidChanges))]
    public async Task An_invalid_change_gets_a_400_problem_naming_the_field_and_changes_nothing(string body, string field, string because)
    {
        using var response = await Facade.Admin.PatchAsync(Capability, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]?[field] is not null, $"{because}: no error for '{field}' in {problem.ToJsonString()}");
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task A_change_that_is_not_json_gets_a_400_problem()
    {
        using var response = await Facade.Admin.PatchAsync(Capability, new StringContent("mode=Service", Encoding.UTF8, "text/plain"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task An_unknown_capability_gets_a_404_problem_listing_the_known_ones()
    {
        using var response = await Facade.Admin.PatchAsJsonAsync(AdminRoutes.Capability("payments"), new { mode = "Service", reason = "x" });
        var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains(FacadeFixture.CatalogRead, (string?)problem["detail"]);

        using var audit = await Facade.Admin.GetAsync($"{AdminRoutes.Audit}?capability=payments");
        await AssertProblemAsync(audit, HttpStatusCode.NotFound);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task A_stale_expected_version_gets_a_409_problem_and_changes_nothing()
    {
        await Facade.SetAsync(FacadeFixture.CatalogRead, new CapabilityChange(CapabilityMode.Shadow));
        using var response = await Facade.Admin.PatchAsJsonAsync(Capability, new { mode = "Service", reason = "x", expectedVersion = 0 });
        await AssertProblemAsync(response, HttpStatusCode.Conflict);

        var view = await Facade.Admin.GetFromJsonAsync<CapabilityView>(Capability, AdminJson.Options);
        Assert.Equal(CapabilityMode.Shadow, view!.State.Mode);
        Assert.Equal(1, view.Version);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    public async Task An_invalid_audit_limit_gets_a_400_problem(string limit)
    {
        using var response = await Facade.Admin.GetAsync($"{AdminRoutes.Audit}?limit={limit}");
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?["limit"]);
    }

    private async Task AssertUnchangedAsync()
    {
        var view = await Facade.Admin.GetFromJsonAsync<CapabilityView>(Capability, AdminJson.Options);
        Assert.Equal(CapabilityState.Legacy, view!.State);
        Assert.Equal(0, view.Version);
        Assert.Empty((await Facade.Admin.GetFromJsonAsync<List<AuditEntry>>(AdminRoutes.Audit, AdminJson.Options))!);
        Assert.Equal(FacadeFixture.Monolith, await ServedByAsync("/api/catalog/categories", user: "alice"));
    }
}
