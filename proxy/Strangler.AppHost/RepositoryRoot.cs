namespace Strangler.AppHost;

internal static class RepositoryRoot
{
    /// <summary>The nearest folder above the program (or the current folder) that holds Strangler.sln.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Strangler.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }
}
