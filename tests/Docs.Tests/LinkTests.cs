using System.Text.RegularExpressions;
using Docs.Tests.Runnable;
using Testing.Infrastructure;

namespace Docs.Tests;

/// <summary>
/// Every relative link in README.md and docs/ points at a file that exists, and every #anchor at a
/// heading of that file (GitHub's rule: lower case, punctuation dropped, spaces to dashes).
/// </summary>
public sealed partial class LinkTests
{
    private static readonly string Root = RepositoryRoot.Path;

    public static TheoryData<string> AllPages => new([.. Pages.All]);

    [Theory]
    [MemberData(nameof(AllPages))]
    public void Every_link_and_anchor_on_the_page_resolves(string page)
    {
        var path = Path.Combine(Root, page);
        var broken = new List<string>();
        foreach (Match link in Link().Matches(FencedBlock.Blanked(File.ReadAllText(path))))
        {
            var target = link.Groups["target"].Value;
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var (file, anchor) = target.Split('#', 2) is [var f, var a] ? (f, a) : (target, null);
            var resolved = file.Length == 0 ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, file));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add($"{target}: no such file");
            }
            else if (anchor is not null && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(resolved).Contains(anchor))
            {
                broken.Add($"{target}: no heading '#{anchor}' in {Path.GetFileName(resolved)}");
            }
        }

        Assert.True(broken.Count == 0, $"{page}: " + string.Join("; ", broken));
    }

    private static HashSet<string> Anchors(string file) =>
        [.. FencedBlock.Blanked(File.ReadAllText(file)).Split('\n')
            .Where(line => line.StartsWith('#'))
            .Select(line => Slug(line.TrimStart('#').Trim()))];

    // GitHub's heading anchors: lower case; letters, digits, spaces, dashes and underscores kept; spaces to dashes.
    private static string Slug(string heading) =>
        string.Concat(heading.ToLowerInvariant().Replace("`", "", StringComparison.Ordinal)
            .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
