namespace Docs.Tests.Runnable;

/// <summary>A block that starts a server and keeps running beside the page (<c>```bash run background</c>), and its script file.</summary>
internal sealed class BackgroundBlock(ChildProcess shell, string scriptFile) : IAsyncDisposable
{
    public string Output => shell.Output;

    public bool HasExited => shell.HasExited;

    /// <summary>Once it has exited: its exit code, with all it printed read.</summary>
    public Task<int?> ExitCodeAsync() => shell.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Stops the block with everything it started (a <c>dotnet run</c> and the app it runs).</summary>
    public async ValueTask DisposeAsync()
    {
        await shell.DisposeAsync();
        File.Delete(scriptFile);
    }
}
