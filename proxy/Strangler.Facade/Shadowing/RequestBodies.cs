namespace Strangler.Facade.Shadowing;

/// <summary>Keeps a request body in memory so it can be sent again after the primary consumed it.</summary>
internal static class RequestBodies
{
    /// <summary>The body (empty when there is none), or null when it is larger than <paramref name="max"/>; the stream is left at its start either way.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (request.ContentLength > max)
        {
            return null;
        }

        request.EnableBuffering();
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > max)
            {
                request.Body.Position = 0;
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        request.Body.Position = 0;
        return copy.ToArray();
    }
}
