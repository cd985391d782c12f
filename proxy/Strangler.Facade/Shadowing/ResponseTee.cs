using System.Security.Cryptography;

namespace Strangler.Facade.Shadowing;

/// <summary>
/// Wraps the primary response body: every byte goes to the client as before, and a copy of the first
/// <c>cap</c> bytes plus a running SHA-256 of all of them is kept for the comparison. The client's
/// write is never held up by anything but that memory copy.
/// </summary>
internal sealed class ResponseTee(Stream inner, int cap) : Stream
{
    private readonly MemoryStream _captured = new();
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Written { get; private set; }

    public ReadOnlyMemory<byte> Captured => _captured.GetBuffer().AsMemory(0, (int)_captured.Length);

    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

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
        _hash.AppendData(bytes);
        var room = cap - (int)_captured.Length;
        if (room > 0)
        {
            _captured.Write(bytes[..Math.Min(room, bytes.Length)]);
        }
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
            _hash.Dispose();
            _captured.Dispose();
        }

        base.Dispose(disposing);
    }
}
