using System.Diagnostics;
using Testing.Infrastructure;

namespace Docs.Tests.Runnable;

/// <summary>
/// A folder that looks like the checkout (a link to each of its entries) for the blocks to run in, so
/// what they write where they stand (a comparison report, a saved response) lands there and not in
/// the developer's checkout. The files in <c>docs/examples</c> are copies with the documented ports
/// moved the way the blocks' are, since a page's blocks copy them and run on them.
/// </summary>
internal static class Workspace
{
    private const string Docs = "docs";
    private const string Examples = "examples";

    public static string Create(Func<string, string> rewrite)
    {
        var folder = TestRun.TempFolder("docs-work");
        LinkEntries(RepositoryRoot.Path, folder, except: [".git", Docs]);
        var docs = Directory.CreateDirectory(Path.Combine(folder, Docs)).FullName;
        LinkEntries(Path.Combine(RepositoryRoot.Path, Docs), docs, except: [Examples]);
        CopyRewritten(Path.Combine(RepositoryRoot.Path, Docs, Examples), Path.Combine(docs, Examples), rewrite);
        return folder;
    }

    /// <summary>What the blocks wrote where they stand: every entry that is not one of the links or the docs copy (a folder with a trailing '/', as git matches it).</summary>
    public static IEnumerable<string> WrittenBy(string folder) =>
        new DirectoryInfo(folder).EnumerateFileSystemInfos().Where(entry => entry.LinkTarget is null && entry.Name != Docs)
            .Select(entry => entry is DirectoryInfo ? entry.Name + "/" : entry.Name);

    private static void LinkEntries(string from, string to, string[] except)
    {
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos().Where(entry => !except.Contains(entry.Name)))
        {
            var link = Path.Combine(to, entry.Name);
            if (entry is DirectoryInfo)
            {
                Directory.CreateSymbolicLink(link, entry.FullName);
            }
            else
            {
                File.CreateSymbolicLink(link, entry.FullName);
            }
        }
    }

    /// <summary>The folder's own files copied with <paramref name="rewrite"/> applied; its subfolders (a project, with its build) linked.</summary>
    private static void CopyRewritten(string from, string to, Func<string, string> rewrite)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.WriteAllText(Path.Combine(to, Path.GetFileName(file)), rewrite(File.ReadAllText(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            Directory.CreateSymbolicLink(Path.Combine(to, Path.GetFileName(directory)), directory);
        }
    }

    /// <summary>Whether git would leave <paramref name="name"/> out of the reader's checkout status (a report folder, say).</summary>
    public static bool IsIgnoredByGit(string name)
    {
        using var check = Process.Start(new ProcessStartInfo("git", ["check-ignore", "--no-index", "-q", name])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        check.WaitForExit();
        // 128: the checkout is no git repository (a downloaded archive), so it has no status to keep clean.
        return check.ExitCode is 0 or 128;
    }

    /// <summary>Removes the links, the copies and what the blocks wrote, never what a link points at.</summary>
    public static void Delete(string folder)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null || entry is not DirectoryInfo)
            {
                entry.Delete();
            }
            else
            {
                Delete(entry.FullName);
            }
        }

        Directory.Delete(folder);
    }
}
