using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Services.Tests.Fixtures;

/// <summary>
/// A real Kestrel server between a service and the monolith that answers the first few calls with
/// 503, as a restarting monolith or an overloaded façade would, and forwards the rest unchanged.
/// </summary>
public sealed class FlakyForwarder : IAsyncDisposable
{
    private static readonly string[] Carried = ["Authorization", "X-Strangler-Dry-Run", "X-Correlation-Id"];
    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _correlationIds = new();
    private int _calls;

    private FlakyForwarder(WebApplication app, HttpClient http)
    {
        _app = app;
        _http = http;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The <c>X-Correlation-Id</c> of every call that reached it, in order.</summary>
    public IReadOnlyList<string> CorrelationIds => [.. _correlationIds];

    public static async Task<FlakyForwarder> StartAsync(Uri target, int failFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var forwarder = new FlakyForwarder(app, new HttpClient { BaseAddress = target });
        app.Run(async context =>
        {
            forwarder._correlationIds.Enqueue(context.Request.Headers["X-Correlation-Id"].ToString());
            if (Interlocked.Increment(ref forwarder._calls) <= failFirst)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            foreach (var name in Carried.Where(name => context.Request.Headers.ContainsKey(name)))
            {
                request.Headers.TryAddWithoutValidation(name, context.Request.Headers[name].ToString());
            }

            using var response = await forwarder._http.SendAsync(request);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(context.Response.Body);
        });
        await app.StartAsync();
        forwarder.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return forwarder;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
