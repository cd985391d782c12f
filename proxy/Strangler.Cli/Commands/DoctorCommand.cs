using System.CommandLine;
using Strangler.Cli.Doctor;

namespace Strangler.Cli.Commands;

/// <summary>
/// <c>strangler doctor --manifest FILE [--facade URL] [--sample PATH]... [--dry-run-secret S]</c>: checks a manifest against
/// the live systems it names and prints each check, pass or fail, with the fix. Exit 0 when all pass,
/// 1 when any fails, 2 when the file cannot be read.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliOptions options, TextWriter output)
    {
        var manifest = new Option<string>("--manifest") { Description = "The façade's appsettings.json (or the file holding its Strangler section).", Required = true };
        var facade = new Option<string?>("--facade")
        {
            Description = "The façade's address, to check that links in answers through it name the façade (optional).",
        };
        var secret = new Option<string?>("--dry-run-secret") { Description = "The dry-run secret, when the manifest file does not hold it (it often lives in another settings file)." };
        var sample = new Option<string[]>("--sample") { Description = "A path to GET for the capability whose route matches it, e.g. /api/orders/42 (repeatable).", AllowMultipleArgumentsPerToken = true };
        facade.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                result.AddError($"--facade must be an absolute http(s) address; got '{text}'.");
            }
        });
        sample.Validators.Add(result =>
        {
            foreach (var path in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!path.StartsWith('/'))
                {
                    result.AddError($"--sample must be a path starting with '/'; got '{path}'.");
                }
            }
        });

        var command = new Command("doctor", "Check a manifest against the systems it names: health paths, routes on both sides, links through the façade, dry runs.")
        {
            manifest, facade, sample, secret,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(manifest)!;
            var read = DoctorManifest.Load(file);
            if (parse.GetValue(secret) is { Length: > 0 } given)
            {
                read = read with { DryRunSecret = given };
            }

            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
            {
                Timeout = TimeSpan.FromSeconds(parse.GetValue(options.Timeout)),
            };
            var facadeUrl = parse.GetValue(facade) is { } text ? new Uri(text) : null;
            var checks = await new DoctorChecks(read, facadeUrl, parse.GetValue(sample) ?? [], http).RunAsync(cancellationToken);
            if (parse.GetValue(options.Json))
            {
                Formatting.WriteJson(output, checks);
            }
            else
            {
                foreach (var check in checks)
                {
                    output.WriteLine($"{(check.Passed ? "PASS" : "FAIL")}  {check.Area,-7}  {check.Subject}: {check.Seen}");
                    if (check.Fix is { } fix && !check.Passed)
                    {
                        output.WriteLine($"      fix: {fix}");
                    }
                }

                var failed = checks.Count(c => !c.Passed);
                output.WriteLine(failed == 0 ? $"All {checks.Count} checks passed." : $"{failed} of {checks.Count} checks failed.");
            }

            return checks.All(c => c.Passed) ? 0 : 1;
        });
        return command;
    }
}
