using Strangler.Cli;
using Testing.Infrastructure.Servers;

namespace Services.Tests.Data;

/// <summary>Runs <c>strangler reconcile</c> as a user would, and hands back its exit code and what it printed.</summary>
internal static class Reconcile
{
    public static async Task<(int ExitCode, string Output)> RunAsync(ShopServer monolith, ServiceServer service, params string[] more)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StranglerCli.RunAsync(
            [
                "reconcile", "--legacy", monolith.BaseAddress.ToString(), "--candidate", service.BaseAddress.ToString(),
                "--dataset", service.Service.Dataset, "--legacy-key", ShopServer.AdminKey, "--candidate-key", ShopServer.AdminKey,
                .. more,
            ],
            output,
            error);
        return (exit, output + error.ToString());
    }

    public static async Task AssertInStepAsync(ShopServer monolith, ServiceServer service)
    {
        var (exit, output) = await RunAsync(monolith, service);
        Assert.True(exit == 0, output);
        Assert.Contains("In step: 0 differences.", output, StringComparison.Ordinal);
    }
}
