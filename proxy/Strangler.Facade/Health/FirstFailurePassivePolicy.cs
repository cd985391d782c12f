using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;
using Strangler.Facade.Requests;

namespace Strangler.Facade.Health;

/// <summary>
/// Passive health for the façade's clusters: a destination that fails a request at the transport
/// (refuses or resets the connection, or does not answer in time) is out for the next request, and
/// stays out for the larger of <c>Strangler:Proxy:PassiveHealthWindow</c> and the cluster's
/// <c>ReactivationPeriod</c>, unless an active probe brings it back. YARP's own rate policy judged a
/// failure against the window's successes, so a busy service that died kept being tried (and failing)
/// until failures were 30 % of the window: seconds of errors and fallbacks. Coming back is YARP's
/// reactivation alone: a success in between (the monolith takes traffic even when marked) must not
/// flip the state, or the next failure would schedule a second reactivation of the same destination.
/// </summary>
internal sealed class FirstFailurePassivePolicy(IDestinationHealthUpdater updater, IOptions<TransportFailureRateHealthPolicyOptions> window) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "StranglerFirstFailure";

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var failure = context.Features.Get<IForwarderErrorFeature>();
        if (failure is not null && FaultAttribution.OfForwarderError(failure) == Fault.Service)
        {
            var reactivation = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.Zero;
            updater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, reactivation > window.Value.DetectionWindowSize ? reactivation : window.Value.DetectionWindowSize);
        }
    }
}
