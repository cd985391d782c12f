using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Sinks.OpenTelemetry;

namespace Strangler.ServiceDefaults.Logging;

/// <summary>
/// Log events over OTLP, beside the console, where an endpoint is configured
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, as the Aspire host sets it with the protocol, headers and service
/// name): the Aspire dashboard then shows each part's structured logs next to its traces. Read from the
/// configuration, not only the environment, so a host configured any way exports the same.
/// </summary>
public static class OtlpLogs
{
    public static void WriteTo(LoggerConfiguration logger, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) || !Uri.TryCreate(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], UriKind.Absolute, out var endpoint))
        {
            return;
        }

        var http = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] is { } protocol && protocol.StartsWith("http", StringComparison.OrdinalIgnoreCase);
        logger.WriteTo.OpenTelemetry(options =>
        {
            options.Protocol = http ? OtlpProtocol.HttpProtobuf : OtlpProtocol.Grpc;
            options.Endpoint = http ? new Uri(endpoint, "v1/logs").ToString() : endpoint.ToString();
            foreach (var header in (configuration["OTEL_EXPORTER_OTLP_HEADERS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = header.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    options.Headers[header[..equals].Trim()] = header[(equals + 1)..].Trim();
                }
            }

            if (configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } service)
            {
                options.ResourceAttributes["service.name"] = service;
            }
        }, ignoreEnvironment: true);
    }
}
