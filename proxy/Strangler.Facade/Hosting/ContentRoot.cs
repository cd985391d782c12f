namespace Strangler.Facade.Hosting;

/// <summary>
/// The folder given with <c>--contentRoot</c>, where the façade reads its settings and keeps its data.
/// The host alone would resolve a relative folder against the façade's own install folder, so
/// <c>--contentRoot my-config</c> typed in a terminal would name a folder inside the tool; here it is
/// the folder the user means, the one relative to where they stand.
/// </summary>
internal static class ContentRoot
{
    private const string Key = "contentRoot";

    /// <summary>The full path of the folder named, or null when none is (then the current directory is the content root).</summary>
    public static string? FromArguments(string[] args)
    {
        var named = new ConfigurationBuilder().AddCommandLine(args).Build()[Key];
        if (string.IsNullOrWhiteSpace(named))
        {
            return null;
        }

        var full = Path.GetFullPath(named, Environment.CurrentDirectory);
        if (!Directory.Exists(full))
        {
            throw new InvalidOperationException(
                $"--contentRoot {named}: there is no folder {full}. Name the folder that holds the façade's appsettings.json.",
                new DirectoryNotFoundException(full));
        }

        return full;
    }
}
