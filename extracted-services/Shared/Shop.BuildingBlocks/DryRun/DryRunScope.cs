namespace Shop.BuildingBlocks.DryRun;

/// <summary>
/// Whether the current request is a dry run: everything it writes is rolled back at the end, and
/// calls it makes to other systems ask for dry runs as well. One per request (scoped).
/// </summary>
public sealed class DryRunScope
{
    /// <summary>The header a façade sends, carrying the shared secret, to ask for a dry run.</summary>
    public const string HeaderName = "X-Strangler-Dry-Run";

    /// <summary>The header a host answers an honoured dry run with: the acknowledgement a façade verifies.</summary>
    public const string AcknowledgementHeader = "X-Strangler-Dry-Run-Ack";

    public bool IsActive { get; private set; }

    /// <summary>The secret this request was authenticated with; passed on to downstream calls.</summary>
    internal string? Secret { get; private set; }

    internal void Activate(string secret)
    {
        IsActive = true;
        Secret = secret;
    }
}
