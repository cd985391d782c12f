using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Proxy.Tests.Fixtures;
using Testing.Infrastructure.Servers;

namespace Proxy.Tests.Observability;

/// <summary>
/// Where an OTLP endpoint is configured (the Aspire host sets one for every part), log events go there
/// too, beside the console: a real Kestrel server stands in for the collector and receives the façade's
/// log records, marked with its service name.
/// </summary>
public sealed class OtlpLogsTests(StandInPair backends) : IClassFixture<StandInPair>
{
    [Fact]
    public async Task Log_events_reach_the_configured_OTLP_endpoint_with_the_service_name()
    {
        var received = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path, context.Request.ContentType ?? "", body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var facade = await FacadeServer.StartAsync(backends.Manifest().NewSqliteStore()
            .Set("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
            .Set("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .Set("OTEL_SERVICE_NAME", "facade-under-test")
            .Set("Serilog:MinimumLevel:Default", "Information"));
        using (await facade.Client.GetAsync("/api/catalog/categories"))
        {
        }

        Assert.True(await Eventually.TrueWithinAsync(Eventually.Generous, () => Task.FromResult(received.Any(r =>
            r.Path == "/v1/logs" && r.ContentType.Contains("protobuf", StringComparison.Ordinal)
            && System.Text.Encoding.UTF8.GetString(r.Body).Contains("facade-under-test", StringComparison.Ordinal)))),
            "No log records reached the OTLP endpoint; received: " + string.Join(", ", received.Select(r => r.Path)));
    }
}
