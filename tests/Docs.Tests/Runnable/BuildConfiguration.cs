namespace Docs.Tests.Runnable;

internal static class BuildConfiguration
{
    /// <summary>The configuration these tests were built in, so the projects they run are the ones just built.</summary>
#if DEBUG
    public const string Name = "Debug";
#else
    public const string Name = "Release";
#endif
}
