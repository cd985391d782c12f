namespace Strangler.Bench;

internal static class Repository
{
    /// <summary>The folder with Strangler.sln above the running program.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Strangler.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Strangler.sln not found above " + AppContext.BaseDirectory);
    }
}
