namespace Shop.BuildingBlocks.Hosting;

/// <summary>
/// <c>STRANGLER_DATA</c>: when set, every part of the sample keeps its SQLite files in its own folder
/// under it instead of beside its project, so a run can start from a clean state (an empty folder)
/// without touching the files of another. Settings that name a path explicitly still win.
/// </summary>
public static class SampleDataRoot
{
    public const string Variable = "STRANGLER_DATA";

    /// <summary>The folder a part named <paramref name="part"/> uses, or null when the variable is not set.</summary>
    public static string? FolderFor(string part)
    {
        var root = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrWhiteSpace(root) ? null : Path.Combine(Path.GetFullPath(root), part);
    }
}
