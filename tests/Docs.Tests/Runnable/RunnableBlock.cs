using System.Globalization;

namespace Docs.Tests.Runnable;

/// <summary>
/// A shell block the docs mark as runnable (<c>```bash run</c>, with <c>exit=N</c> when it is meant to
/// fail), and the output it is expected to print: the <c>```output</c> block right after it, if any.
/// <c>```bash run background</c> marks a block that starts a server a reader leaves running in a
/// terminal of its own: it runs beside the rest of the page, and its output block is what it prints
/// once it is ready.
/// </summary>
internal sealed record RunnableBlock(string Page, int Line, string Script, int ExpectedExit, string? ExpectedOutput, bool Background)
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
            var background = block.InfoWords.Skip(2).Contains("background");
            if (background && output is null)
            {
                throw new InvalidOperationException($"{page}:{block.Line}: a background block needs an ```output block after it, saying what it prints once it is ready.");
            }

            runnable.Add(new RunnableBlock(page, block.Line, block.Content, ExitCode(page, block), output, background));
        }

        return runnable;
    }

    private static bool OnlyBlankBetween(string[] lines, FencedBlock first, FencedBlock second) =>
        lines[first.EndLine..(second.Line - 1)].All(string.IsNullOrWhiteSpace);

    private static int ExitCode(string page, FencedBlock block)
    {
        foreach (var word in block.InfoWords.Skip(2).Where(word => word != "background"))
        {
            if (word.StartsWith("exit=", StringComparison.Ordinal) && int.TryParse(word["exit=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return code;
            }

            throw new InvalidOperationException($"{page}:{block.Line}: '{word}' is not a runnable block's option; the options are exit=<code> and background.");
        }

        return 0;
    }
}
