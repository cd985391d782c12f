namespace Strangler.Comparison;

/// <summary>
/// One side's answer as the comparer sees it. <see cref="BodyLength"/> is the full length even when
/// <see cref="Body"/> holds only a capped prefix, or only <see cref="BodySha256"/> is known.
/// </summary>
public sealed record CapturedResponse(
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    ReadOnlyMemory<byte> Body,
    long BodyLength,
    string? BodySha256 = null)
{
    public static CapturedResponse Of(int status, string? contentType, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        return new CapturedResponse(status, headers ?? new Dictionary<string, string>(), contentType, bytes, bytes.Length);
    }
}
