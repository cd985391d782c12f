using Strangler.Facade.Shadowing;

namespace Strangler.Facade.Requests;

/// <summary>Keeps a request body in memory so it can be sent again after the primary consumed it.</summary>
internal static class RequestBodies
{
    /// <summary>The body (empty when there is none), or null when it is larger than <paramref name="max"/>; the stream is left at its start either way.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        var kept = await ReadAsync(request, max, null, cancellationToken);
        return kept.NotKeptBecause is null ? kept.Body : null;
    }

    /// <summary>
    /// The body (empty when there is none) and the bytes taken from <paramref name="memory"/> for it, or
    /// the reason it is not kept: larger than <paramref name="max"/>, or no room left in the shadow
    /// memory. The stream is left at its start either way, and nothing stays taken when it is not kept.
    /// </summary>
    public static async Task<KeptBody> ReadAsync(HttpRequest request, int max, ShadowMemory? memory, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return new KeptBody(ReadOnlyMemory<byte>.Empty, 0, null);
        }

        if (request.ContentLength > max)
        {
            return new KeptBody(default, 0, ShadowReasons.BodyOverLimit);
        }

        // A declared length is taken whole before a byte is read; a chunked body as it arrives.
        long taken = request.ContentLength ?? 0;
        if (!(memory?.TryTake(taken) ?? true))
        {
            return new KeptBody(default, 0, ShadowReasons.QueueBytesFull);
        }

        request.EnableBuffering();
        using var copy = request.ContentLength is { } length ? new MemoryStream((int)length) : new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > max)
                {
                    return Refused(ShadowReasons.BodyOverLimit);
                }

                if (copy.Length + read > taken)
                {
                    var more = copy.Length + read - taken;
                    if (!(memory?.TryTake(more) ?? true))
                    {
                        return Refused(ShadowReasons.QueueBytesFull);
                    }

                    taken += more;
                }

                copy.Write(buffer, 0, read);
            }
        }
        catch
        {
            memory?.Return(taken);
            throw;
        }

        request.Body.Position = 0;
        // The stream's own buffer, not a copy of it: a 1 MB body is held once, not twice.
        return new KeptBody(copy.GetBuffer().AsMemory(0, (int)copy.Length), taken, null);

        KeptBody Refused(string reason)
        {
            memory?.Return(taken);
            request.Body.Position = 0;
            return new KeptBody(default, 0, reason);
        }
    }
}

/// <summary>A kept body and the shadow memory it holds, or why it was not kept.</summary>
internal readonly record struct KeptBody(ReadOnlyMemory<byte> Body, long Held, string? NotKeptBecause);
