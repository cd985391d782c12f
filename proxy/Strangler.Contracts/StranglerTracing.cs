namespace Strangler.Contracts;

/// <summary>What the façade writes on traces: the request's correlation id, under one tag name every hop uses.</summary>
public static class StranglerTracing
{
    public const string CorrelationTag = "strangler.correlation_id";
}
