#pragma warning disable CA5350 // SHA-1 names ids here (as RFC 9562 v5 does); it protects nothing.
using System.Security.Cryptography;
using System.Text;

namespace Shop.BuildingBlocks.Seeding;

/// <summary>
/// A name-based id (RFC 9562 version 5 shape): the same name always gives the same id, so the seeded
/// sample has the same ids on every machine and every provider, which side-by-side comparison relies on.
/// </summary>
public static class DeterministicGuid
{
    public static Guid Create(string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("strangler-sample/" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
