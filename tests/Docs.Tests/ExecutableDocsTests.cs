using System.Text;
using Docs.Tests.Runnable;

namespace Docs.Tests;

/// <summary>
/// Every <c>```bash run</c> block of a page runs, in order, against the sample started from a clean
/// state by the README's first command (or, for a page that starts its own systems in
/// <c>background</c> blocks, against those alone), and prints what the <c>```output</c> block after it
/// says. A page gets a run of its own, so each can be followed on its own. The pages are dealt to
/// three test classes (<see cref="RunnablePagesA"/>, B and C), which xunit runs side by side: a page
/// mostly waits on its sample, so three at once take little more than the longest.
/// </summary>
public sealed class ExecutableDocsTests
{
    private const int Lanes = 3;

    /// <summary>The pages with runnable blocks dealt to one of the <see cref="Lanes"/> classes, in turn.</summary>
    internal static TheoryData<string> PagesOfLane(int lane) =>
        new([.. Pages.All.Where(page => RunnableBlock.FromPage(page, Pages.Read(page)).Count > 0).Where((_, index) => index % Lanes == lane)]);

    internal static async Task RunPageAsync(string page)
    {
        var blocks = RunnableBlock.FromPage(page, Pages.Read(page));
        await using var run = await PageRun.StartAsync(blocks);
        foreach (var block in blocks)
        {
            var (exit, output) = await run.RunAsync(block);
            var problem = exit is null ? "did not finish in time"
                : exit != block.ExpectedExit ? $"exited {exit}, the page expects {block.ExpectedExit}"
                : block.ExpectedOutput is { } expected && !ExpectedOutput.Matches(expected, output) ? "printed something other than the page shows"
                : null;
            Assert.True(problem is null, Describe(block, problem, output, run));
        }

        var left = Workspace.WrittenBy(run.WorkFolder).Where(name => !Workspace.IsIgnoredByGit(name)).ToList();
        Assert.True(left.Count == 0,
            $"Following {page} leaves files in the reader's checkout that git does not ignore: {string.Join(", ", left)}. Write them elsewhere, or not at all.");
    }

    [Fact]
    public void Every_output_block_follows_a_runnable_block()
    {
        var orphans = new List<string>();
        foreach (var page in Pages.All)
        {
            var blocks = FencedBlock.Read(Pages.Read(page));
            var outputs = blocks.Where(b => b.InfoWords is ["output"]).Select(b => b.Line);
            var claimed = RunnableBlock.FromPage(page, Pages.Read(page)).Where(r => r.ExpectedOutput is not null)
                .Select(r => blocks.First(b => b.Line > r.Line && b.InfoWords is ["output"]).Line);
            orphans.AddRange(outputs.Except(claimed).Select(line => $"{page}:{line}"));
        }

        Assert.True(orphans.Count == 0, "These ```output blocks follow no ```bash run block, so nothing checks them:\n" + string.Join('\n', orphans));
    }

    [Fact]
    public void Every_page_with_runnable_blocks_is_dealt_to_a_lane() =>
        Assert.Equal(
            Pages.All.Count(page => RunnableBlock.FromPage(page, Pages.Read(page)).Count > 0),
            Enumerable.Range(0, Lanes).Sum(lane => PagesOfLane(lane).Count));

    private static string Describe(RunnableBlock block, string? problem, string output, PageRun run)
    {
        var text = new StringBuilder()
            .AppendLine($"{block}: the block {problem}.")
            .AppendLine("--- the block").AppendLine(block.Script)
            .AppendLine("--- it printed").AppendLine(output);
        if (block.ExpectedOutput is { } expected)
        {
            text.AppendLine("--- the page shows").AppendLine(expected);
        }

        return text.AppendLine("--- what the page's systems printed (last 80 lines)")
            .AppendLine(string.Join('\n', run.Log.Split('\n').TakeLast(80))).ToString();
    }
}
