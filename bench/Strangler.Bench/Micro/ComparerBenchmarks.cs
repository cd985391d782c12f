using System.Text;
using BenchmarkDotNet.Attributes;
using Strangler.Comparison;

namespace Strangler.Bench.Micro;

/// <summary>
/// The comparer on two equal catalog-like JSON answers (the full walk, the common case), with an
/// ignore rule and an unordered array in play. Target: 100 MB/s or more at 10 KB.
/// </summary>
[MemoryDiagnoser]
public class ComparerBenchmarks
{
    private CapturedResponse _legacy = null!;
    private CapturedResponse _candidate = null!;
    private ResponseComparer _comparer = null!;

    [Params(1, 10, 100)]
    public int Kilobytes { get; set; }

    public int BodyBytes => _legacy.Body.Length;

    [GlobalSetup]
    public void Setup()
    {
        var body = CatalogPage(Kilobytes * 1024);
        _legacy = CapturedResponse.Of(200, "application/json; charset=utf-8", body);
        _candidate = CapturedResponse.Of(200, "application/json; charset=utf-8", body);
        _comparer = new ResponseComparer(ComparisonRules.Strict with
        {
            IgnorePaths = ["$.traceId", "$.items[*].updatedAt"],
            UnorderedArrays = [new UnorderedArray("$.tags")],
        });
    }

    [Benchmark]
    public bool Compare() => _comparer.Compare(_legacy, _candidate).Matched;

    /// <summary>A page of products of about <paramref name="bytes"/> bytes, shaped like the catalog API's answer.</summary>
    internal static string CatalogPage(int bytes)
    {
        var json = new StringBuilder("{\"items\":[");
        var i = 0;
        while (json.Length < bytes - 200)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"id":"{{Guid.NewGuid()}}","sku":"SKU-{{i:D5}}","name":"Bright Bamboo Box {{i}}","category":"storage","price":{"amount":{{i % 500 + 0.99m}},"currency":"EUR"},"stockOnHand":{{i * 7 % 300}},"version":1,"updatedAt":"2026-01-01T12:00:00Z"}""");
            i++;
        }

        json.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""],"tags":["a","b","c"],"page":1,"pageSize":{{i}},"totalCount":{{i}}}""");
        return json.ToString();
    }
}
