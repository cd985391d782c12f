namespace Shop.BuildingBlocks.DryRun;

/// <summary>
/// Whether the current request is a dry run: everything it writes is rolled back at the end, and
/// calls it makes to other systems ask for dry runs as well. One per request (scoped).
/// </summary>
public sealed class DryRunScope
{
    public bool IsActive { get; private set; }

    /// <summary>The secret this request was authenticated with; passed on to downstream calls.</summary>
    internal string? Secret { get; private set; }

    internal void Activate(string secret)
    {
        IsActive = true;
        Secret = secret;
    }
}
