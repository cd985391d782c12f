using System.Text;
using System.Text.RegularExpressions;

namespace Docs.Tests.Runnable;

/// <summary>
/// Matches what a command printed against what the doc says it prints. Blank lines and runs of spaces
/// do not count (tables pad to their widest cell). Placeholders stand for what differs from run to run:
/// <c>&lt;time&gt;</c> a date and time, <c>&lt;id&gt;</c> an id, <c>&lt;n&gt;</c> a number, <c>…</c> any text
/// within a line, and a line holding only <c>…</c> any number of lines.
/// </summary>
internal static partial class ExpectedOutput
{
    public static bool Matches(string expected, string actual) =>
        Pattern(expected).IsMatch(string.Join('\n', Normalise(actual)) + "\n");

    public static IReadOnlyList<string> Normalise(string text) =>
        [.. Ansi().Replace(text, "").ReplaceLineEndings("\n").Split('\n')
            .Select(line => Spaces().Replace(line, " ").Trim())
            .Where(line => line.Length > 0)];

    private static Regex Pattern(string expected)
    {
        var pattern = new StringBuilder(@"\A");
        foreach (var line in Normalise(expected))
        {
            if (line == "…")
            {
                pattern.Append(@"(?:[^\n]*\n)*?");
                continue;
            }

            foreach (var part in Placeholder().Split(line))
            {
                pattern.Append(part switch
                {
                    "…" => @"[^\n]*?",
                    "<time>" => @"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?",
                    "<id>" => @"[0-9A-Za-z-]+",
                    "<n>" => @"-?\d+(?:[.,]\d+)*",
                    _ => Regex.Escape(part),
                });
            }

            pattern.Append(@"\n");
        }

        return new Regex(pattern.Append(@"\z").ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
    }

    [GeneratedRegex(@"(…|<time>|<id>|<n>)")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
