using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace Strangler.Bench.Macro;

/// <summary>
/// YARP's forwarder alone, without its routing pipeline (no route table, no clusters, no proxy-pipeline
/// middleware, no transforms beyond copying headers): <c>IHttpForwarder.SendAsync</c> from one endpoint,
/// with one <c>SocketsHttpHandler</c> set as a proxy wants it (no proxy, no redirects, no decompression,
/// no cookies, no activity propagation). What the kit could cost at the least if it forwarded by itself;
/// started by the harness as its own process (<c>bare-forwarder --port N --fixed URL --monolith URL</c>).
/// </summary>
internal static class BareForwarder
{
    public static Task<int> RunAsync(string[] args) => BareProxyArguments.RunAsync("bare-forwarder", args, Build);

    public static WebApplication Build(BareProxyArguments arguments)
    {
        var builder = arguments.SlimBuilder();
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        // Lives as long as the process: one client, as YARP keeps one per cluster.
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Run(async context =>
        {
            var prefix = context.Request.Path == "/fixed" ? arguments.FixedPrefix : arguments.MonolithPrefix;
            await forwarder.SendAsync(context, prefix, client, ForwarderRequestConfig.Empty, HttpTransformer.Default);
        });
        return app;
    }
}
