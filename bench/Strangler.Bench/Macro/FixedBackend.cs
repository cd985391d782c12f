using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Strangler.Bench.Macro;

/// <summary>
/// The minimal backend: one fixed 1 KiB JSON answer at <c>/fixed</c>, so that a row measures the proxy
/// and not the application behind it. Started by the harness as its own process (<c>backend --port N</c>).
/// </summary>
internal static class FixedBackend
{
    public static readonly byte[] Payload = System.Text.Encoding.UTF8.GetBytes(
        "{\"items\":[" + string.Join(',', Enumerable.Range(0, 12).Select(i => $"{{\"sku\":\"SKU-{i:D5}\",\"name\":\"Product {i}\",\"price\":{i}.99}}")) + "]}");

    public static async Task<int> RunAsync(string[] args)
    {
        var delayMs = 0;
        if (args.Length is not (2 or 4) || args[0] != "--port" || !int.TryParse(args[1], out var port) || port is < 1 or > 65535 ||
            (args.Length == 4 && (args[2] != "--upload-delay-ms" || !int.TryParse(args[3], out delayMs) || delayMs is < 0 or > 600_000)))
        {
            await Console.Error.WriteLineAsync("usage: backend --port <1-65535> [--upload-delay-ms <0-600000>]");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/fixed", () => Results.Bytes(Payload, "application/json"));
        app.MapGet("/health", () => Results.Text("ok"));
        // An upload is read whole, then answered after the delay: a slow service for the shadow flood.
        app.MapPost("/upload", async (HttpRequest request) =>
        {
            var length = 0L;
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                length += read;
            }

            await Task.Delay(delayMs, request.HttpContext.RequestAborted);
            // It honours the flood's dry runs (it keeps nothing anyway) and proves it, as a real service does.
            if (request.Headers[Strangler.Contracts.StranglerHeaders.DryRun] == ShadowFlood.DryRunSecret)
            {
                request.HttpContext.Response.Headers[Strangler.Contracts.StranglerHeaders.DryRunAcknowledgement] = Strangler.Contracts.DryRunAcknowledgement.For(
                    ShadowFlood.DryRunSecret, request.Method, request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget,
                    request.Headers[Strangler.Contracts.StranglerHeaders.CorrelationId].ToString());
            }

            return Results.Json(new { received = length });
        });
        await app.RunAsync();
        return 0;
    }
}
