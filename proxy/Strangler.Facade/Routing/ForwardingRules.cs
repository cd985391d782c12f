namespace Strangler.Facade.Routing;

internal static class ForwardingRules
{
    /// <summary>
    /// Reads that may be answered by the monolith instead of the service. PUT and DELETE are idempotent
    /// too, but replaying them on the monolith would write to data the service owns after cutover.
    /// </summary>
    public static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
