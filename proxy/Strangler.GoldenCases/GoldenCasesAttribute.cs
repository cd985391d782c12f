using System.Reflection;
using Xunit.Sdk;

namespace Strangler.GoldenCases;

/// <summary>
/// Theory data: the path of every golden case (<c>*.json</c>, any depth) in a folder, one test each,
/// named by its file. The folder is the attribute's argument, relative to the current directory, or
/// else <c>STRANGLER_GOLDEN_CASES</c>. With neither, or an empty folder, the theory is skipped and
/// says why, rather than passing with nothing run.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GoldenCasesAttribute(string? folder = null) : DataAttribute
{
    public const string FolderVariable = "STRANGLER_GOLDEN_CASES";

    public string? Folder { get; } = folder ?? (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } set ? set : null);

    public override string? Skip
    {
        get => Folder is null ? $"No golden cases: {FolderVariable} names no folder."
            : !Directory.Exists(Folder) ? $"No golden cases: {Path.GetFullPath(Folder)} does not exist."
            : Files().Count == 0 ? $"No golden cases: {Path.GetFullPath(Folder)} holds no .json file."
            : null;
        set => throw new NotSupportedException("The skip reason follows from the folder.");
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Skip is null ? Files().Select(file => new object[] { file }) : [["(none)"]];

    private List<string> Files() =>
        Folder is not null && Directory.Exists(Folder)
            ? [.. Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [];
}
