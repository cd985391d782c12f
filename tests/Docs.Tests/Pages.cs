using Testing.Infrastructure;

namespace Docs.Tests;

/// <summary>The pages users read: README.md and everything under docs/, as repository-relative paths.</summary>
internal static class Pages
{
    public static IReadOnlyList<string> All { get; } =
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Select(path => Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    public static string Read(string page) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, page));
}
