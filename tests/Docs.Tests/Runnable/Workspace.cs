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
        var folder = Directory.CreateTempSubdirectory("strangler-docs-work-").FullName;
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
