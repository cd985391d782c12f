using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Strangler.Facade.Health;

/// <summary>
/// Active health as YARP's "ConsecutiveFailures" judges it (a 2xx probe is healthy, two failures in a
/// row unhealthy), and besides: each probe's outcome is kept in <see cref="ProbeLog"/> for the admin
/// API, the CLI and the dashboard, and each change of a destination's health is one log line with the
/// probe that caused it.
/// </summary>
internal sealed class ProbingHealthPolicy(IDestinationHealthUpdater updater, ProbeLog probes, TimeProvider clock, ILogger<ProbingHealthPolicy> logger)
    : IActiveHealthCheckPolicy
{
    public const string PolicyName = "StranglerProbes";
    private const int FailuresToUnhealthy = 2;
    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _failures = new();

    public string Name => PolicyName;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        var changes = new List<NewActiveDestinationHealth>(probingResults.Count);
        var path = cluster.Model.Config.HealthCheck?.Active?.Path ?? "/";
        foreach (var result in probingResults)
        {
            var passed = result.Response is { IsSuccessStatusCode: true };
            var outcome = Describe(result);
            probes.Record(cluster.ClusterId, result.Destination.DestinationId, new ProbeResult(clock.GetUtcNow(), passed, outcome));
            var failures = _failures.GetOrCreateValue(result.Destination);
            failures.Value = passed ? 0 : failures.Value + 1;
            var before = result.Destination.Health.Active;
            var after = passed ? DestinationHealth.Healthy : failures.Value >= FailuresToUnhealthy ? DestinationHealth.Unhealthy : before;
            changes.Add(new NewActiveDestinationHealth(result.Destination, after));
            if (after != before && after != DestinationHealth.Unknown)
            {
                logger.Log(after == DestinationHealth.Healthy ? LogLevel.Information : LogLevel.Warning,
                    "{Cluster} destination {Destination} is now {Health}: probe of {Path} {Outcome}",
                    cluster.ClusterId, result.Destination.Model.Config.Address, after, path, outcome);
            }
        }

        updater.SetActive(cluster, changes);
    }

    private static string Describe(DestinationProbingResult result)
    {
        if (result.Response is { } response)
        {
            return $"answered {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        }

        for (var e = result.Exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "failed: connection refused";
                case OperationCanceledException or TimeoutException:
                    return "failed: no answer within the health timeout";
            }
        }

        return $"failed: {result.Exception?.GetBaseException().Message ?? "no answer"}";
    }
}
