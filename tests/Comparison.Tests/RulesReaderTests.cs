using System.Text.Json;
using Strangler.Comparison;

namespace Comparison.Tests;

/// <summary>One reader for Compare sections, whether they come from a JSON file or from configuration's strings.</summary>
public sealed class RulesReaderTests
{
    [Fact]
    public void A_json_section_with_numbers_booleans_and_keyed_arrays_is_read()
    {
        var rules = Read("""
            { "ignorePaths": ["$.at"], "UnorderedArrays": ["$.tags", { "Path": "$.lines", "Key": "sku" }],
              "NumericTolerance": 0.01, "NormalizeTimes": true, "TimePrecision": "00:00:01", "Headers": ["ETag"], "MaxJsonBytes": 2048 }
            """, out var problems);

        Assert.Empty(problems);
        Assert.Equal(["$.at"], rules.IgnorePaths);
        Assert.Equal([new UnorderedArray("$.tags"), new UnorderedArray("$.lines", "sku")], rules.UnorderedArrays);
        Assert.Equal(0.01m, rules.NumericTolerance);
        Assert.True(rules.NormalizeTimes);
        Assert.Equal(TimeSpan.FromSeconds(1), rules.TimePrecision);
        Assert.Equal(2048, rules.MaxJsonBytes);
    }

    [Fact]
    public void Configuration_shaped_sections_with_string_values_and_indexed_lists_read_the_same()
    {
        var rules = Read("""{ "IgnorePaths": { "0": "$.at", "1": "$..id" }, "NumericTolerance": "0.5", "NormalizeTimes": "true" }""", out var problems);

        Assert.Empty(problems);
        Assert.Equal(["$.at", "$..id"], rules.IgnorePaths);
        Assert.Equal(0.5m, rules.NumericTolerance);
        Assert.True(rules.NormalizeTimes);
    }

    [Fact]
    public void Every_problem_is_named_by_key()
    {
        Read("""{ "Ignore": [], "IgnorePaths": ["at"], "NumericTolerance": -1, "NormalizeTimes": "sometimes", "MaxJsonBytes": 1.5, "UnorderedArrays": [42] }""", out var problems);

        Assert.Equal(
            [
                "c:Ignore is not a known setting; expected one of IgnorePaths, UnorderedArrays, NumericTolerance, NormalizeTimes, TimePrecision, CaseInsensitivePaths, Headers, MaxJsonBytes.",
                "c:UnorderedArrays:0: give a JSON path, or { \"Path\": \"$.lines\", \"Key\": \"sku\" }.",
                "c:NumericTolerance is '-1'; expected a number, 0 or more.",
                "c:NormalizeTimes is 'sometimes'; expected true or false.",
                "c:MaxJsonBytes is '1.5'; expected a whole number of bytes, 1 or more.",
                "c: 'at': a JSON path starts with '$', e.g. $.items[*].id.",
            ],
            problems);
    }

    [Fact]
    public void No_section_means_exact_comparison()
    {
        Assert.Equal(ComparisonRules.Strict, ComparisonRulesReader.Read(default, "c", []));
    }

    private static ComparisonRules Read(string json, out List<string> problems)
    {
        problems = [];
        using var document = JsonDocument.Parse(json);
        return ComparisonRulesReader.Read(document.RootElement, "c", problems);
    }
}
