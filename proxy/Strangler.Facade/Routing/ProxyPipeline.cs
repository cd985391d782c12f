using Strangler.Facade.Recording;
using Strangler.Facade.Requests;
using Strangler.Facade.Shadowing;

namespace Strangler.Facade.Routing;

/// <summary>
/// The façade's steps in YARP's proxy pipeline, outermost first, each owning one concern and sharing
/// the request's <see cref="RoutingDecision"/>; YARP's own steps (affinity, load balancing, passive
/// health) and then the forwarder come after them.
/// </summary>
internal static class ProxyPipeline
{
    public static void UseFacadeSteps(this IReverseProxyApplicationBuilder pipeline)
    {
        pipeline.UseStep<OutcomeStep>();   // after all the rest: whether the backend answered, and a problem when it did not
        pipeline.UseStep<RefusalStep>();   // what is never forwarded
        pipeline.UseStep<IdentityStep>();  // who is asking, where the route needs to know
        pipeline.UseStep<SideStep>();      // which side answers
        pipeline.UseStep<RecordingStep>(); // a sample, for replay
        pipeline.UseStep<ShadowStep>();    // a copy to the other side, compared later
        pipeline.UseStep<FallbackStep>();  // a read the service failed, answered by the legacy side
        pipeline.UseSessionAffinity();
        pipeline.UseLoadBalancing();
        pipeline.UsePassiveHealthChecks();
    }

    /// <summary>The steps, for the composition to register.</summary>
    public static IServiceCollection AddFacadeSteps(this IServiceCollection services) =>
        services.AddSingleton<OutcomeStep>().AddSingleton<RefusalStep>().AddSingleton<IdentityStep>().AddSingleton<SideStep>()
            .AddSingleton<RecordingStep>().AddSingleton<ShadowStep>().AddSingleton<FallbackStep>()
            .AddSingleton<ForwardingFailures>().AddSingleton<ProxyProblems>();

    // The middleware overload that takes the next delegate as is: no closure per request and step.
    private static void UseStep<TStep>(this IReverseProxyApplicationBuilder pipeline) where TStep : IProxyStep
    {
        var step = pipeline.ApplicationServices.GetRequiredService<TStep>();
        pipeline.Use(step.InvokeAsync);
    }
}
