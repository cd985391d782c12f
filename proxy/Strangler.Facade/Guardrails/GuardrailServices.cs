namespace Strangler.Facade.Guardrails;

internal static class GuardrailServices
{
    /// <summary>The traffic view per capability (which the admin API shows too) and the watcher that rolls a capability back when it crosses a guardrail.</summary>
    public static IServiceCollection AddGuardrails(this IServiceCollection services) =>
        services.AddSingleton<TrafficReport>()
            .AddSingleton<GuardrailWatcher>()
            .AddHostedService(sp => sp.GetRequiredService<GuardrailWatcher>());
}
