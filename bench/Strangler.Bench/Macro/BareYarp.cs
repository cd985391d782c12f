using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;

namespace Strangler.Bench.Macro;

/// <summary>
/// YARP with none of the kit's code, the floor the façade's own cost is judged against: the same YARP
/// version, slim builder, no logging, two routes (<c>/fixed</c> to the fixed backend, everything else to
/// the monolith), the proxy pipeline as <c>MapReverseProxy()</c> builds it. Started by the harness as
/// its own process (<c>bare-yarp --port N --fixed URL --monolith URL</c>).
/// </summary>
internal static class BareYarp
{
    public static Task<int> RunAsync(string[] args) => BareProxyArguments.RunAsync("bare-yarp", args, Build);

    public static WebApplication Build(BareProxyArguments arguments)
    {
        var builder = arguments.SlimBuilder();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig { RouteId = "fixed", ClusterId = "fixed", Match = new RouteMatch { Path = "/fixed" } },
                new RouteConfig { RouteId = "rest", ClusterId = "monolith", Match = new RouteMatch { Path = "/{**rest}" } },
            ],
            [
                new ClusterConfig { ClusterId = "fixed", Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = arguments.FixedPrefix } } },
                new ClusterConfig { ClusterId = "monolith", Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = arguments.MonolithPrefix } } },
            ]);
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}
