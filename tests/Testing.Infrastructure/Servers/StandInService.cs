using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Testing.Infrastructure.Servers;

/// <summary>
/// A real second backend on loopback Kestrel, for façade tests while no extracted service exists: it
/// answers every path with what it received (method, path, query, headers) and its name, and can be
/// slowed, made to fail, stopped and started again on the same port.
/// </summary>
public sealed class StandInService : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requests;

    private StandInService(string name) => Name = name;

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Requests answered since start, health probes excluded.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every request's headers, newest last, health probes excluded.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> ReceivedHeaders { get; } = new();

    /// <summary>Every request's target exactly as it arrived on the wire (path and query, still escaped), newest last, health probes excluded.</summary>
    public ConcurrentQueue<string> ReceivedTargets { get; } = new();

    /// <summary>Each request waits this long before answering.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>
    /// When set, a request carrying this dry-run secret is answered with the acknowledgement a system that
    /// honours dry runs gives; when null (the default) the stand-in is a system that ignores the marker.
    /// </summary>
    public string? HonourDryRunsWith { get; set; }

    /// <summary>Paths this system does not have (a 404), as many real systems have no <c>/health</c>.</summary>
    public HashSet<string> Missing { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, every request gets this status as a problem; health probes still pass.</summary>
    public int? FailWith { get; set; }

    public static async Task<StandInService> StartAsync(string name)
    {
        var service = new StandInService(name);
        await service.StartOnAsync("http://127.0.0.1:0");
        return service;
    }

    /// <summary>Starts again on the same port after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => StartOnAsync(BaseAddress.ToString());

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private async Task StartOnAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.MapGet("/health/ready", () => Results.Text("ok"));
        app.Map("/{**path}", (Delegate)AnswerAsync);
        await app.StartAsync();
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _app = app;
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        if (Missing.Contains(context.Request.Path.Value ?? ""))
        {
            return Results.NotFound();
        }

        Interlocked.Increment(ref _requests);
        ReceivedHeaders.Enqueue(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        ReceivedTargets.Enqueue(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget);
        if (HonourDryRunsWith is { } secret && context.Request.Headers[Strangler.Contracts.StranglerHeaders.DryRun] == secret)
        {
            context.Response.Headers[Strangler.Contracts.StranglerHeaders.DryRunAcknowledgement] = Strangler.Contracts.DryRunAcknowledgement.For(
                secret, context.Request.Method, context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget,
                context.Request.Headers[Strangler.Contracts.StranglerHeaders.CorrelationId].ToString());
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (FailWith is { } status)
        {
            return Results.Problem(statusCode: status, title: $"{Name} is failing on purpose.");
        }

        if (context.Request.Path.Value?.EndsWith("/links", StringComparison.Ordinal) == true)
        {
            // What many real systems do: links built from the Host they received, and one from their own configured address.
            var fromHost = $"{context.Request.Scheme}://{context.Request.Host}";
            context.Response.Headers.Location = $"{fromHost}/api/echo/next";
            context.Response.Headers["Link"] = $"<{fromHost}/api/echo/page2>; rel=\"next\", <{BaseAddress.GetLeftPart(UriPartial.Authority)}/api/echo/page9>; rel=\"last\"";
            context.Response.Headers["Content-Location"] = $"{BaseAddress.GetLeftPart(UriPartial.Authority)}/api/echo/self?x=1";
            return Results.Json(new { servedBy = Name, host = context.Request.Host.Value, self = $"{fromHost}{context.Request.Path}" });
        }

        return Results.Json(new
        {
            servedBy = Name,
            method = context.Request.Method,
            path = context.Request.Path.Value,
            query = context.Request.QueryString.Value,
        });
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
