using Strangler.Comparison;

namespace Comparison.Tests;

internal static class Answers
{
    public const string Json = "application/json; charset=utf-8";

    public static CapturedResponse Json200(string body) => CapturedResponse.Of(200, Json, body);

    public static ComparisonResult Compare(string legacy, string candidate, ComparisonRules? rules = null) =>
        new ResponseComparer(rules ?? ComparisonRules.Strict).Compare(Json200(legacy), Json200(candidate));

    public static ComparisonRules Rules(
        string[]? ignore = null,
        UnorderedArray[]? unordered = null,
        decimal tolerance = 0,
        bool times = false,
        TimeSpan? precision = null,
        string[]? caseInsensitive = null,
        string[]? headers = null,
        int maxJsonBytes = ComparisonRules.DefaultMaxJsonBytes) =>
        new(ignore ?? [], unordered ?? [], tolerance, times, precision ?? TimeSpan.FromMilliseconds(1), caseInsensitive ?? [], headers ?? [], maxJsonBytes);
}
