using System.Text.RegularExpressions;

namespace Docs.Tests.Runnable;

/// <summary>One fenced code block of a Markdown page, its fence indentation taken off its lines.</summary>
internal sealed partial record FencedBlock(int Line, int EndLine, string Info, string Content)
{
    public IReadOnlyList<string> InfoWords { get; } = Info.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static IReadOnlyList<FencedBlock> Read(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<FencedBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Opening().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var indent = open.Groups["indent"].Length;
            var content = new List<string>();
            var start = i;
            for (i++; i < lines.Length && !Closing().IsMatch(lines[i]); i++)
            {
                var line = lines[i];
                var strip = 0;
                while (strip < indent && strip < line.Length && line[strip] == ' ')
                {
                    strip++;
                }

                content.Add(line[strip..]);
            }

            blocks.Add(new FencedBlock(start + 1, i + 1, open.Groups["info"].Value.Trim(), string.Join('\n', content)));
        }

        return blocks;
    }

    /// <summary>The page with every fenced block's lines (fences included) blanked, so that line numbers stay as they were.</summary>
    public static string Blanked(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        foreach (var block in Read(markdown))
        {
            for (var line = block.Line - 1; line < Math.Min(block.EndLine, lines.Length); line++)
            {
                lines[line] = "";
            }
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^(?<indent> *)```(?<info>[^`]*)$")]
    private static partial Regex Opening();

    [GeneratedRegex(@"^ *```\s*$")]
    private static partial Regex Closing();
}
