using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Strangler.Facade.Settings;

namespace Strangler.Facade.Requests;

/// <summary>
/// The routing decisions of a call chain, as the façade stamps them on what it forwards: the user they
/// were made for, that user's groups, each capability's side, and when the stamp stops counting. It
/// travels as one W3C <c>baggage</c> member (<see cref="BaggageKey"/>), signed with the façade's
/// <c>CallChain:Secret</c>. A service passes its incoming baggage on with its own calls; when one comes
/// back through the façade, the stamp says whose request it serves and what was already decided. A
/// client cannot forge one: without the signature it is ignored, and a stamp for another user than
/// the request's verified one is ignored too.
/// </summary>
internal sealed class ChainStamp
{
    public const string BaggageHeader = Contracts.StranglerHeaders.Baggage;
    public const string BaggageKey = "strangler.route";
    private const int MaxLength = 4096;
    private const int MaxGroups = 32;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private ChainStamp(string? user, IReadOnlyList<string> groups, Dictionary<string, Side> sides, long expires)
    {
        User = user;
        Groups = groups;
        Sides = sides;
        ExpiresAt = expires;
    }

    /// <summary>Whom the decisions were made for (a verified user id, a trusted header's, or the client address), or null.</summary>
    public string? User { get; }

    public IReadOnlyList<string> Groups { get; }

    /// <summary>The side each capability was given so far in this chain.</summary>
    public IReadOnlyDictionary<string, Side> Sides { get; }

    /// <summary>Unix seconds after which the stamp no longer counts: set where the chain began, never moved on.</summary>
    public long ExpiresAt { get; }

    public Side? SideOf(string capability) => Sides.TryGetValue(capability, out var side) ? side : null;

    public static ChainStamp Begin(string? user, IReadOnlyList<string>? groups, CallChainSettings settings, TimeProvider time) =>
        new(user, groups is null ? [] : [.. groups.Take(MaxGroups)], [], time.GetUtcNow().Add(settings.MaxAge).ToUnixTimeSeconds());

    /// <summary>The same chain with one more decision.</summary>
    public ChainStamp With(string capability, Side side) =>
        new(User, Groups, new Dictionary<string, Side>(Sides, StringComparer.Ordinal) { [capability] = side }, ExpiresAt);

    /// <summary>The stamp in the request's baggage, if there is one, it is signed with the secret and it has not expired; null otherwise.</summary>
    public static ChainStamp? Read(HttpContext context, CallChainSettings settings, TimeProvider time)
    {
        if (settings.Secret is not { } secret || !context.Request.Headers.TryGetValue(BaggageHeader, out var baggage))
        {
            return null;
        }

        foreach (var member in Members(baggage))
        {
            if (KeyOf(member) is BaggageKey && member.Length <= MaxLength && Verify(ValueOf(member), secret) is { } stamp
                && stamp.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds())
            {
                return stamp;
            }
        }

        return null;
    }

    /// <summary>
    /// The baggage to forward: every member the caller sent except a stamp (theirs is replaced, valid or
    /// not), then this one, <paramref name="signed"/> (see <see cref="Signed"/>).
    /// </summary>
    public static string ToBaggage(HttpContext context, string signed)
    {
        var builder = new StringBuilder();
        foreach (var member in Members(context.Request.Headers[BaggageHeader]))
        {
            if (KeyOf(member) is not BaggageKey)
            {
                builder.Append(member).Append(',');
            }
        }

        return builder.Append(BaggageKey).Append('=').Append(signed).ToString();
    }

    /// <summary>The member's value: the decisions as base64url JSON, a dot, and their HMAC-SHA256 (base64url, so no baggage escaping is needed).</summary>
    public string Signed(byte[] secret)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(User, Groups.Count == 0 ? null : Groups, Sides.ToDictionary(s => s.Key, s => s.Value == Side.Service ? "service" : "legacy"), ExpiresAt), Json);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, payload));
    }

    private static ChainStamp? Verify(string value, byte[] secret)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(value.AsSpan(0, dot));
            var signature = Base64Url.DecodeFromChars(value.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(secret, payload)))
            {
                return null;
            }

            var read = JsonSerializer.Deserialize<Payload>(payload, Json);
            if (read?.Sides is null)
            {
                return null;
            }

            var sides = new Dictionary<string, Side>(StringComparer.Ordinal);
            foreach (var (capability, side) in read.Sides)
            {
                sides[capability] = side == "service" ? Side.Service : Side.Legacy;
            }

            return new ChainStamp(read.User, read.Groups ?? [], sides, read.Expires);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Members(Microsoft.Extensions.Primitives.StringValues headers)
    {
        foreach (var header in headers)
        {
            foreach (var member in (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return member;
            }
        }
    }

    // "key = value;property": W3C allows spaces around '=', properties after ';', and percent-encoding.
    private static string ValueOf(string member)
    {
        var value = member[(member.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var properties = value.IndexOf(';', StringComparison.Ordinal);
        return Uri.UnescapeDataString((properties < 0 ? value : value[..properties]).Trim());
    }

    private static string? KeyOf(string member)
    {
        var equals = member.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 ? null : member[..equals].Trim();
    }

    private sealed record Payload(
        [property: JsonPropertyName("u")] string? User,
        [property: JsonPropertyName("g")] IReadOnlyList<string>? Groups,
        [property: JsonPropertyName("s")] Dictionary<string, string> Sides,
        [property: JsonPropertyName("e")] long Expires);
}
