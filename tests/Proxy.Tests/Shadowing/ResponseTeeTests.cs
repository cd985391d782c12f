using System.Security.Cryptography;
using Strangler.Facade.Shadowing;

namespace Proxy.Tests.Shadowing;

/// <summary>The tee passes every byte on, keeps the first <c>cap</c>, and hashes the whole body only when it is longer.</summary>
public sealed class ResponseTeeTests
{
    private const int Cap = 1024;

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(Cap)]
    public async Task A_body_that_fits_is_kept_whole_and_not_hashed(int length)
    {
        var body = Body(length);
        var client = new MemoryStream();
        using var tee = new ResponseTee(client, Cap);

        await WriteInChunksAsync(tee, body, 300);

        Assert.Equal(body, client.ToArray());
        Assert.Equal(body, tee.Captured.ToArray());
        Assert.Equal(length, tee.Written);
        Assert.Null(tee.Sha256OfLongBody());
    }

    [Theory]
    [InlineData(Cap + 1, 1)]
    [InlineData(5000, 300)]
    [InlineData(5000, 5000)]
    [InlineData(3 * Cap, Cap)]
    public async Task A_longer_body_keeps_its_first_bytes_and_the_hash_of_all_of_them(int length, int chunk)
    {
        var body = Body(length);
        var client = new MemoryStream();
        using var tee = new ResponseTee(client, Cap);

        await WriteInChunksAsync(tee, body, chunk);

        Assert.Equal(body, client.ToArray());
        Assert.Equal(body[..Cap], tee.Captured.ToArray());
        Assert.Equal(length, tee.Written);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), tee.Sha256OfLongBody());
    }

    private static byte[] Body(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 % 251))];

    private static async Task WriteInChunksAsync(Stream stream, byte[] body, int chunk)
    {
        for (var offset = 0; offset < body.Length; offset += chunk)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(chunk, body.Length - offset)));
        }
    }
}
