using System.Text.RegularExpressions;
using Docs.Tests.Runnable;

namespace Docs.Tests.Surface;

/// <summary>What a page says in code: its inline code spans (outside fenced blocks) and the command lines of its fenced blocks.</summary>
internal static partial class PageText
{
    public static IEnumerable<(string Page, string Code)> InlineCode() =>
        from page in Pages.All
        from Match span in Inline().Matches(FencedBlock.Blanked(Pages.Read(page)))
        select (page, span.Groups["code"].Value);

    /// <summary>Every command line of every fenced block (continuation lines joined, split at pipes and <c>&amp;&amp;</c>), as words.</summary>
    public static IEnumerable<(string Where, IReadOnlyList<string> Words)> CommandLines() =>
        from page in Pages.All
        from block in FencedBlock.Read(Pages.Read(page))
        where block.InfoWords is [] or ["bash", ..] or ["sh", ..]
        from line in block.Content.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
        from command in ShellWords.Commands(line)
        where command.Count > 0
        select ($"{page}:{block.Line}", command);

    /// <summary>The lines of a page's tables under each heading: heading text, then the first cell of each row.</summary>
    public static IEnumerable<(string Heading, string FirstCell)> TableRows(string page)
    {
        var heading = "";
        foreach (var line in FencedBlock.Blanked(Pages.Read(page)).Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                heading = line;
            }
            else if (line.StartsWith('|') && line.Split('|') is [_, var first, ..] && !first.Trim().StartsWith("---", StringComparison.Ordinal))
            {
                yield return (heading, first.Trim());
            }
        }
    }

    public static IEnumerable<string> CodeSpans(string text) => Inline().Matches(text).Select(m => m.Groups["code"].Value);

    [GeneratedRegex("`(?<code>[^`\n]+)`")]
    private static partial Regex Inline();
}
