using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Proxy.Tests.Fixtures;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Routing;

/// <summary>
/// A backend that builds absolute links from the Host it receives, or from its own address, still hands
/// the client links that go through the façade: by default the backend gets the client's Host, and
/// Location, Content-Location and Link naming any backend destination are rewritten to the façade.
/// </summary>
public sealed class HostAndLinksTests(StandInPair backends) : IClassFixture<StandInPair>
{
    [Fact]
    public async Task By_default_the_backend_gets_the_clients_host_and_every_link_names_the_facade()
    {
        await using var facade = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore());
        var origin = facade.BaseAddress.GetLeftPart(UriPartial.Authority);
        var received = backends.Monolith.ReceivedHeaders.Count;

        using var response = await facade.Client.GetAsync("/api/echo/links");

        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(facade.BaseAddress.Authority, (string)body["host"]!);
        Assert.Equal(facade.BaseAddress.Authority, backends.Monolith.ReceivedHeaders.Skip(received).Single()["Host"]);
        Assert.Equal($"{origin}/api/echo/next", response.Headers.Location!.ToString());
        Assert.Equal($"<{origin}/api/echo/page2>; rel=\"next\", <{origin}/api/echo/page9>; rel=\"last\"", string.Join(", ", response.Headers.GetValues("Link")));
        Assert.Equal($"{origin}/api/echo/self?x=1", response.Content.Headers.ContentLocation!.ToString());
    }

    [Fact]
    public async Task With_host_destination_the_backend_gets_its_own_host_and_its_links_are_still_moved_to_the_facade()
    {
        await using var facade = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore().Set($"Strangler:Clusters:{FacadeFixture.Monolith}:Host", "Destination"));
        var origin = facade.BaseAddress.GetLeftPart(UriPartial.Authority);

        using var response = await facade.Client.GetAsync("/api/echo/links");

        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        // A body is the backend's own: only headers are rewritten, which is why Client is the default.
        Assert.Equal(backends.Monolith.BaseAddress.Authority, (string)body["host"]!);
        Assert.Equal($"{origin}/api/echo/next", response.Headers.Location!.ToString());
        Assert.Equal($"<{origin}/api/echo/page2>; rel=\"next\", <{origin}/api/echo/page9>; rel=\"last\"", string.Join(", ", response.Headers.GetValues("Link")));
    }

    [Theory]
    [InlineData("see http://other.example:80/x", "see http://other.example:80/x")]
    [InlineData("HTTP://127.0.0.1:7001/a?b=1", "http://facade:5000/a?b=1")]
    [InlineData("<http://127.0.0.1:7001>; rel=\"up\"", "<http://facade:5000>; rel=\"up\"")]
    [InlineData("http://127.0.0.1:70011/a", "http://127.0.0.1:70011/a")]
    [InlineData("https://127.0.0.1:7001/a", "https://127.0.0.1:7001/a")]
    public void Only_an_origin_that_is_a_backends_is_rewritten(string value, string expected) =>
        Assert.Equal(expected, Strangler.Facade.Routing.BackendLinks.RewriteOne(value, new HashSet<string> { "http://127.0.0.1:7001" }, "http://facade:5000"));
}
