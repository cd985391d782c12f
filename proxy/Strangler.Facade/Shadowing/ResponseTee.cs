using System.Security.Cryptography;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// Wraps the primary response body: every byte goes to the client as before, and a copy of the first
/// <c>cap</c> bytes is kept for the comparison. Only a body longer than that is also hashed as it
/// passes (the comparison of the rest is by SHA-256); a body that fits is hashed, if ever, by the
/// comparer off the request path. The client's write is never held up by more than that copy.
/// </summary>
internal sealed class ResponseTee(Stream inner, int cap) : Stream
{
    private readonly MemoryStream _captured = new();
    private IncrementalHash? _hash;

    public long Written { get; private set; }

    /// <summary>The kept bytes; they stay valid after the tee is disposed.</summary>
    public ReadOnlyMemory<byte> Captured => _captured.GetBuffer().AsMemory(0, (int)_captured.Length);

    /// <summary>The SHA-256 of the whole body when it did not fit in <c>cap</c>; null when it did (the kept bytes are the body).</summary>
    public string? Sha256OfLongBody() => _hash is null ? null : Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Observe(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Observe(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    private void Observe(ReadOnlySpan<byte> bytes)
    {
        Written += bytes.Length;
        var room = cap - (int)_captured.Length;
        var kept = room > 0 ? Math.Min(room, bytes.Length) : 0;
        if (kept > 0)
        {
            _captured.Write(bytes[..kept]);
        }

        if (_hash is null && Written > cap)
        {
            // From here the body no longer fits: hash the kept bytes, then everything after them.
            _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _hash.AppendData(Captured.Span);
        }

        _hash?.AppendData(bytes[kept..]);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash?.Dispose();
            _captured.Dispose();
        }

        base.Dispose(disposing);
    }
}
