using System.Globalization;

namespace Strangler.GoldenCases;

/// <summary>
/// Where each service side is and what a case may need to be sent, from the environment so the same
/// suite runs on a laptop and in CI:
/// <c>STRANGLER_GOLDEN_SERVICES</c> (<c>catalog-service=http://127.0.0.1:5200,ordering-service=…</c>),
/// or <c>STRANGLER_GOLDEN_SERVICE</c> (one address for every case);
/// <c>STRANGLER_GOLDEN_DRY_RUN_SECRET</c> for writes, which run only as dry runs;
/// <c>STRANGLER_GOLDEN_TOKEN</c>, sent as the bearer token where the case's Authorization was redacted.
/// </summary>
public sealed record GoldenCaseSettings(IReadOnlyDictionary<string, Uri> Services, Uri? AnyService, string? DryRunSecret, string? Token)
{
    public const string ServicesVariable = "STRANGLER_GOLDEN_SERVICES";
    public const string ServiceVariable = "STRANGLER_GOLDEN_SERVICE";

    public static GoldenCaseSettings FromEnvironment()
    {
        var services = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (Environment.GetEnvironmentVariable(ServicesVariable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            services[parts[0]] = parts.Length == 2 && Absolute(parts[1]) is { } address
                ? address
                : throw new InvalidOperationException($"{ServicesVariable}: '{pair}' is not name=http://host:port.");
        }

        var any = Environment.GetEnvironmentVariable(ServiceVariable) is { Length: > 0 } one
            ? Absolute(one) ?? throw new InvalidOperationException($"{ServiceVariable}: '{one}' is not an http(s) address.")
            : null;
        return new GoldenCaseSettings(services, any, Blank(Environment.GetEnvironmentVariable("STRANGLER_GOLDEN_DRY_RUN_SECRET")), Blank(Environment.GetEnvironmentVariable("STRANGLER_GOLDEN_TOKEN")));
    }

    /// <summary>The address of the service a case runs against.</summary>
    public Uri AddressOf(string service) =>
        Services.TryGetValue(service, out var address) ? address
        : AnyService ?? throw new InvalidOperationException(
            string.Create(CultureInfo.InvariantCulture, $"No address for {service}: set {ServicesVariable}={service}=http://host:port (or {ServiceVariable} for every case)."));

    private static Uri? Absolute(string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
