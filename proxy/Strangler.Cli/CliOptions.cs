using System.CommandLine;

namespace Strangler.Cli;

/// <summary>Options every command takes: where the façade is, the admin key, and JSON output for scripts.</summary>
internal sealed class CliOptions
{
    public const string UrlVariable = "STRANGLER_URL";
    public const string KeyVariable = "STRANGLER_ADMIN_KEY";
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public Option<string> Url { get; } = new("--url")
    {
        Description = $"The façade's address (default: ${UrlVariable}, else {DefaultUrl}).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : DefaultUrl,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"The admin key (default: ${KeyVariable}). Not needed against a façade in Development on this machine with no key configured.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(KeyVariable),
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the façade's JSON answer instead of a table.",
        Recursive = true,
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for the façade (1 to 300).",
        Recursive = true,
        DefaultValueFactory = _ => 10,
    };

    public CliOptions()
    {
        Url.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"--url must be an absolute http:// or https:// address; got '{text}'.");
            }
        });
        Timeout.MustBeWithin(1, 300, " seconds");
    }

    public FacadeClient CreateClient(ParseResult parse) =>
        new(new Uri(parse.GetValue(Url)!), parse.GetValue(Key), TimeSpan.FromSeconds(parse.GetValue(Timeout)));
}
