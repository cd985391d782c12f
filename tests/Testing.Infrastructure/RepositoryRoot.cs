namespace Testing.Infrastructure;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries that holds Strangler.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Path => Found.Value;

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Strangler.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Strangler.sln not found above " + AppContext.BaseDirectory);
    }
}
