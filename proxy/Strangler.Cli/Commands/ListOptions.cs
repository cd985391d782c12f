using System.CommandLine;

namespace Strangler.Cli.Commands;

/// <summary>The options every list command takes, matching the admin API's <c>?capability=</c> and <c>?limit=</c>.</summary>
internal sealed class ListOptions
{
    public ListOptions(string what)
    {
        Capability = new Option<string?>("--capability", "-c") { Description = $"Only this capability's {what}." };
        Limit.MustBeWithin(1, 1000);
    }

    public Option<string?> Capability { get; }

    public Option<int> Limit { get; } = new("--limit", "-n") { Description = "How many, newest first (1 to 1000).", DefaultValueFactory = _ => 20 };

    /// <summary>The query string for these options as parsed.</summary>
    public string Query(ParseResult parse) =>
        $"?limit={parse.GetValue(Limit)}" + (parse.GetValue(Capability) is { } name ? $"&capability={Uri.EscapeDataString(name)}" : "");
}
