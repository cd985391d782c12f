using System.Text;
using Strangler.Comparison;
using Strangler.Contracts.Golden;
using Xunit.Sdk;

namespace Strangler.GoldenCases;

/// <summary>The one call a test makes: run the case in a file against its service and fail with every difference.</summary>
public static class GoldenCaseAssert
{
    /// <summary>Runs the case against the service the environment names (see <see cref="GoldenCaseSettings"/>).</summary>
    public static async Task AnswersAsTheLegacySideDidAsync(string path, CancellationToken cancellationToken = default)
    {
        var golden = GoldenCaseFile.Read(path);
        var settings = GoldenCaseSettings.FromEnvironment();
        using var service = new HttpClient { BaseAddress = settings.AddressOf(golden.Service), Timeout = TimeSpan.FromSeconds(30) };
        await AnswersAsTheLegacySideDidAsync(golden, service, settings, cancellationToken);
    }

    /// <summary>Runs <paramref name="golden"/> against <paramref name="service"/> (a client whose base address is the service side).</summary>
    public static async Task AnswersAsTheLegacySideDidAsync(GoldenCase golden, HttpClient service, GoldenCaseSettings settings, CancellationToken cancellationToken = default)
    {
        var run = await GoldenCaseRunner.RunAsync(golden, service, settings, cancellationToken);
        if (!run.Result.Matched)
        {
            throw new GoldenCaseFailedException(Describe(run, service.BaseAddress));
        }
    }

    private static string Describe(GoldenRun run, Uri? service)
    {
        var text = new StringBuilder()
            .AppendLine($"{run.Case.Name}: {run.Case.Service} at {service} answers unlike the legacy side did ({run.Result.Differences.Count} difference{(run.Result.Differences.Count == 1 ? "" : "s")}, legacy -> service):");
        foreach (var difference in run.Result.Differences)
        {
            text.AppendLine("  " + difference.Describe());
        }

        return text.Append($"  (found by the façade at {run.Case.Source.At:u} as mismatch {run.Case.Source.Mismatch}; rules: {Rules(run.Case.Rules)})").ToString();
    }

    private static string Rules(ComparisonRules rules) =>
        rules.IgnorePaths.Count == 0 ? "exact" : "ignoring " + string.Join(", ", rules.IgnorePaths);
}

/// <summary>A golden case whose service answer differs from the legacy one.</summary>
public sealed class GoldenCaseFailedException(string message) : XunitException(message);
