using System.Globalization;
using System.Text.Json;
using Strangler.Contracts;

namespace Strangler.Cli.Commands;

internal static class Formatting
{
    public static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string List(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(",", values);

    public static string State(CapabilityState state) => state.ToString();

    /// <summary>"monolith (Healthy)", or with the reason when it is not: "catalog-service (Unhealthy: probe answered 404 Not Found)".</summary>
    public static string Side(string cluster, ClusterHealth health, IReadOnlyList<DestinationHealthView>? destinations)
    {
        var reason = health == ClusterHealth.Healthy ? null : destinations?
            .Where(d => d.Cluster == cluster)
            .Select(d => d.Passive == "Unhealthy" ? "failed under traffic" : d.LastProbe is { } probe ? "probe " + probe : null)
            .FirstOrDefault(r => r is not null);
        return reason is null ? $"{cluster} ({health})" : $"{cluster} ({health}: {reason})";
    }

    /// <summary>The canary percentage, only where it means something (in Canary mode).</summary>
    public static string Percentage(CapabilityState state) => state.Mode == CapabilityMode.Canary ? Percent(state.Percentage) : "-";

    public static void WriteJson<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Cli.FacadeClient.Json));
}
