namespace Strangler.Facade.Requests;

/// <summary>
/// Keeps a request body in memory so it can be sent again after the primary consumed it, reading it
/// once per request: recording and the shadow tap both ask, and the second is answered from what the
/// first read (<see cref="BufferedBody"/>). A budget, when given, is charged for the bytes held.
/// </summary>
internal static class RequestBody
{
    /// <summary>The body (empty when there is none), or null when it is larger than <paramref name="max"/>; the stream is left at its start either way.</summary>
    public static async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(HttpContext context, int max)
    {
        var kept = await ReadAsync(context, max, null);
        // Typed: a bare null would become an empty body through ReadOnlyMemory's conversion from an array.
        return kept.NotKeptBecause == BodyRefusal.None ? kept.Body : (ReadOnlyMemory<byte>?)null;
    }

    /// <summary>
    /// The body (empty when there is none) and the bytes taken from <paramref name="budget"/> for it, or
    /// why it is not kept: larger than <paramref name="max"/>, or no room left in the budget. The stream
    /// is left at its start either way, and nothing stays taken when it is not kept.
    /// </summary>
    public static ValueTask<KeptBody> ReadAsync(HttpContext context, int max, IBodyBudget? budget)
    {
        var request = context.Request;
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return ValueTask.FromResult(new KeptBody(ReadOnlyMemory<byte>.Empty, 0, BodyRefusal.None));
        }

        if (request.ContentLength > max)
        {
            return ValueTask.FromResult(new KeptBody(default, 0, BodyRefusal.OverLimit));
        }

        if (context.Features.Get<BufferedBody>() is { } buffered && (buffered.Whole || buffered.ReadUpTo >= max))
        {
            return ValueTask.FromResult(FromBuffered(buffered, max, budget));
        }

        return ReadFromStreamAsync(context, max, budget);
    }

    private static KeptBody FromBuffered(BufferedBody buffered, int max, IBodyBudget? budget)
    {
        if (!buffered.Whole || buffered.Bytes.Length > max)
        {
            return new KeptBody(default, 0, BodyRefusal.OverLimit);
        }

        var length = buffered.Bytes.Length;
        return budget is null ? new KeptBody(buffered.Bytes, 0, BodyRefusal.None)
            : budget.TryTake(length) ? new KeptBody(buffered.Bytes, length, BodyRefusal.None)
            : new KeptBody(default, 0, BodyRefusal.NoRoom);
    }

    private static async ValueTask<KeptBody> ReadFromStreamAsync(HttpContext context, int max, IBodyBudget? budget)
    {
        var request = context.Request;
        // A declared length is taken whole before a byte is read; a chunked body as it arrives.
        long taken = request.ContentLength ?? 0;
        if (!(budget?.TryTake(taken) ?? true))
        {
            return new KeptBody(default, 0, BodyRefusal.NoRoom);
        }

        request.EnableBuffering();
        request.Body.Position = 0;
        using var copy = request.ContentLength is { } length ? new MemoryStream((int)length) : new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                if (copy.Length + read > max)
                {
                    context.Features.Set(new BufferedBody(default, Whole: false, ReadUpTo: max));
                    return Refused(BodyRefusal.OverLimit);
                }

                if (copy.Length + read > taken)
                {
                    var more = copy.Length + read - taken;
                    if (!(budget?.TryTake(more) ?? true))
                    {
                        return Refused(BodyRefusal.NoRoom);
                    }

                    taken += more;
                }

                copy.Write(buffer, 0, read);
            }
        }
        catch
        {
            budget?.Return(taken);
            throw;
        }

        request.Body.Position = 0;
        // The stream's own buffer, not a copy of it: a 1 MB body is held once, not twice.
        var body = copy.GetBuffer().AsMemory(0, (int)copy.Length);
        context.Features.Set(new BufferedBody(body, Whole: true, ReadUpTo: max));
        return new KeptBody(body, budget is null ? 0 : taken, BodyRefusal.None);

        KeptBody Refused(BodyRefusal reason)
        {
            budget?.Return(taken);
            request.Body.Position = 0;
            return new KeptBody(default, 0, reason);
        }
    }
}

/// <summary>What was read of this request's body, so the next step that needs it does not read it again.</summary>
internal sealed record BufferedBody(ReadOnlyMemory<byte> Bytes, bool Whole, int ReadUpTo);

/// <summary>Bytes a body may hold: the shadow tap's memory bound.</summary>
internal interface IBodyBudget
{
    bool TryTake(long bytes);

    void Return(long bytes);
}

/// <summary>Why a body was not kept.</summary>
internal enum BodyRefusal
{
    None,
    OverLimit,
    NoRoom,
}

/// <summary>A kept body and the budget it holds, or why it was not kept.</summary>
internal readonly record struct KeptBody(ReadOnlyMemory<byte> Body, long Held, BodyRefusal NotKeptBecause);
