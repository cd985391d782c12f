using System.Net;
using Strangler.Contracts;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Fixtures;

/// <summary>Base of the tests on the shared façade: a reset flag store and a healthy stand-in before each test.</summary>
public abstract class FacadeTests(FacadeFixture fixture) : IAsyncLifetime
{
    protected FacadeFixture Fixture => fixture;

    protected FacadeServer Facade => fixture.Facade;

    protected ShopServer Shop => fixture.Shop;

    protected StandInService StandIn => fixture.StandIn;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A GET through the façade as one user; returns who served it.</summary>
    protected async Task<string> ServedByAsync(string path, string? user = null, string? groups = null, string? tenant = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Add("X-User-Id", user);
        }

        if (groups is not null)
        {
            request.Headers.Add("X-User-Groups", groups);
        }

        if (tenant is not null)
        {
            request.Headers.Add("X-Tenant-Id", tenant);
        }

        using var response = await Facade.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ServedBy(response);
    }

    protected static string ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues(StranglerHeaders.ServedBy, out var values) ? values.Single() : "(none)";

}
