using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Proxy.Tests.Fixtures;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Admin;

/// <summary>With no key configured the admin API is closed, except to loopback callers in Development.</summary>
public sealed class AdminCredentialTests
{
    [Fact]
    public async Task Without_a_configured_key_the_admin_api_is_closed_outside_development()
    {
        await using var facade = await FacadeServer.StartAsync(Settings(), environment: "Production");

        using var response = await facade.Client.GetAsync(AdminRoutes.Capabilities);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Contains("disabled", (string?)problem!["detail"]);
    }

    [Fact]
    public async Task The_admin_key_is_no_default_scheme_so_proxied_requests_never_meet_it()
    {
        await using var facade = await FacadeServer.StartAsync(Settings(), environment: "Production");
        var schemes = facade.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.NotNull(await schemes.GetSchemeAsync("StranglerAdmin"));
    }

    [Fact]
    public async Task Only_admin_requests_run_authentication_and_authorisation()
    {
        var resolved = 0;
        await using var backend = await StandInService.StartAsync("monolith");
        await using var facade = await FacadeServer.StartAsync(
            FacadeFixture.Manifest(backend.BaseAddress, backend.BaseAddress).NewSqliteStore(), environment: "Production",
            services: services => services.AddScoped<IAuthenticationHandlerProvider>(provider =>
            {
                Interlocked.Increment(ref resolved);
                return new AuthenticationHandlerProvider(provider.GetRequiredService<IAuthenticationSchemeProvider>());
            }));

        using var proxied = await facade.Client.GetAsync("/api/catalog/categories");
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Equal(0, Volatile.Read(ref resolved));

        using var anonymous = await facade.Client.GetAsync(AdminRoutes.Capabilities);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var admin = await facade.Admin.GetAsync(AdminRoutes.Capabilities);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.True(Volatile.Read(ref resolved) >= 2, $"authentication ran {resolved} times for two admin requests");
    }

    [Fact]
    public async Task Without_a_configured_key_a_loopback_caller_in_development_is_the_local_developer()
    {
        await using var facade = await FacadeServer.StartAsync(Settings(), environment: "Development");

        using var response = await facade.Client.PatchAsJsonAsync(AdminRoutes.Capability("catalog-read"), new { mode = "Service", reason = "trying it locally" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var audit = await facade.Client.GetFromJsonAsync<List<AuditEntry>>(AdminRoutes.Audit, AdminJson.Options);
        Assert.Equal("local-developer", audit!.Single().Who);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:5000")]
    [InlineData("10.0.0.1")]
    public async Task Without_a_configured_key_a_loopback_caller_naming_another_host_is_refused(string host)
    {
        await using var facade = await FacadeServer.StartAsync(Settings(), environment: "Development");
        using var request = new HttpRequestMessage(HttpMethod.Get, AdminRoutes.Capabilities);
        request.Headers.Host = host;

        using var response = await facade.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Contains("name a loopback host", (string?)problem!["detail"]);
    }

    private static FacadeSettings Settings() =>
        FacadeFixture.Manifest(new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2"))
            .NewSqliteStore()
            .Set("Strangler:Admin:Keys:" + FacadeServer.AdminKeyName, null);
}
