using System.Globalization;

namespace Docs.Tests.Runnable;

/// <summary>
/// A shell block the docs mark as runnable (<c>```bash run</c>, with <c>exit=N</c> when it is meant to
/// fail), and the output it is expected to print: the <c>```output</c> block right after it, if any.
/// </summary>
internal sealed record RunnableBlock(string Page, int Line, string Script, int ExpectedExit, string? ExpectedOutput)
{
    public override string ToString() => $"{Page}:{Line}";

    public static IReadOnlyList<RunnableBlock> FromPage(string page, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = FencedBlock.Read(markdown);
        var runnable = new List<RunnableBlock>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.InfoWords is not ["bash", "run", ..])
            {
                continue;
            }

            var output = i + 1 < blocks.Count && blocks[i + 1].InfoWords is ["output"] && OnlyBlankBetween(lines, block, blocks[i + 1])
                ? blocks[i + 1].Content
                : null;
            runnable.Add(new RunnableBlock(page, block.Line, block.Content, ExitCode(page, block), output));
        }

        return runnable;
    }

    private static bool OnlyBlankBetween(string[] lines, FencedBlock first, FencedBlock second) =>
        lines[first.EndLine..(second.Line - 1)].All(string.IsNullOrWhiteSpace);

    private static int ExitCode(string page, FencedBlock block)
    {
        foreach (var word in block.InfoWords.Skip(2))
        {
            if (word.StartsWith("exit=", StringComparison.Ordinal) && int.TryParse(word["exit=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return code;
            }

            throw new InvalidOperationException($"{page}:{block.Line}: '{word}' is not a runnable block's option; the one option is exit=<code>.");
        }

        return 0;
    }
}
