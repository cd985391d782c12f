namespace Strangler.Cli;

/// <summary>What the CLI writes for a user to keep (a golden case, a report): written beside, then moved over, so the file is whole or absent, never half-written.</summary>
internal static class WholeFile
{
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var partial = path + ".partial";
        await File.WriteAllTextAsync(partial, text, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}
