using System.Net.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strangler.AppHost;

namespace Strangler.Aspire;

/// <summary>
/// Commands on the façade's resource in the Aspire dashboard: move a capability to Service or back to
/// Legacy. Each goes through the façade's admin API like the CLI's <c>set</c>, with its reason, so the
/// audit records it ("from the Aspire dashboard"); the sample's façade takes a loopback developer's
/// change without a key in Development.
/// </summary>
internal static class ModeCommands
{
    private static readonly (string Capability, string Mode)[] Moves =
    [
        ("catalog-read", "Service"), ("catalog-read", "Legacy"), ("ordering", "Service"), ("ordering", "Legacy"),
    ];

    public static void Add(IResourceBuilder<ProjectResource> facade, SamplePorts ports)
    {
        foreach (var (capability, mode) in Moves)
        {
            facade.WithCommand(
                $"{capability}-to-{mode.ToLowerInvariant()}",
                $"{capability} → {mode}",
                context => SetAsync(ports, capability, mode, context.CancellationToken),
                new CommandOptions
                {
                    Description = $"Route {capability} to the {(mode == "Service" ? "service" : "monolith")} (audited: \"{mode} from the Aspire dashboard\").",
                    ConfirmationMessage = $"Move {capability} to {mode}?",
                    UpdateState = state => state.ResourceSnapshot.HealthStatus == HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
                });
        }
    }

    private static async Task<ExecuteCommandResult> SetAsync(SamplePorts ports, string capability, string mode, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(ports.FacadeUrl) };
        using var response = await http.PatchAsJsonAsync($"/strangler/api/capabilities/{capability}",
            new { mode, reason = $"{mode} from the Aspire dashboard" }, cancellationToken);
        return response.IsSuccessStatusCode
            ? CommandResults.Success()
            : CommandResults.Failure($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
