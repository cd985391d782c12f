using System.Diagnostics;
using Testing.Infrastructure;

namespace Docs.Tests.Runnable;

/// <summary>
/// A folder that looks like the checkout (a link to each of its entries) for the blocks to run in, so
/// what they write where they stand (a comparison report, a saved response) lands there and not in
/// the developer's checkout.
/// </summary>
internal static class Workspace
{
    public static string Create()
    {
        var folder = TestRun.TempFolder("docs-work");
        foreach (var entry in new DirectoryInfo(RepositoryRoot.Path).EnumerateFileSystemInfos())
        {
            if (entry.Name is ".git")
            {
                continue;
            }

            var link = Path.Combine(folder, entry.Name);
            if (entry is DirectoryInfo)
            {
                Directory.CreateSymbolicLink(link, entry.FullName);
            }
            else
            {
                File.CreateSymbolicLink(link, entry.FullName);
            }
        }

        return folder;
    }

    /// <summary>What the blocks wrote where they stand: every entry that is not one of the links (a folder with a trailing '/', as git matches it).</summary>
    public static IEnumerable<string> WrittenBy(string folder) =>
        new DirectoryInfo(folder).EnumerateFileSystemInfos().Where(entry => entry.LinkTarget is null)
            .Select(entry => entry is DirectoryInfo ? entry.Name + "/" : entry.Name);

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

    /// <summary>Removes the links and what the blocks wrote, never what the links point at.</summary>
    public static void Delete(string folder)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                entry.Delete();
            }
            else if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        Directory.Delete(folder);
    }
}
