namespace Strangler.Facade.Requests;

/// <summary>
/// The status a client's own fault deserves, when an exception is one: Kestrel's
/// <see cref="BadHttpRequestException"/> carries it (400 bad framing, 408 a body too slow, 413 too large),
/// possibly wrapped by whatever was reading the body at the time.
/// </summary>
internal static class ClientFaults
{
    public static int? StatusOf(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException bad)
            {
                return bad.StatusCode;
            }
        }

        return null;
    }
}
