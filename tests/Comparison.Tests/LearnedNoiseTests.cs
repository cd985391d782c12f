using Strangler.Comparison;
using static Comparison.Tests.Answers;

namespace Comparison.Tests;

/// <summary>What differs between two legacy answers to the same request is noise; a real difference still shows.</summary>
public sealed class LearnedNoiseTests
{
    private const string FirstLegacy = """{"generatedAt":"2026-11-25T10:00:00Z","items":[{"sku":"A","requestId":"r1","price":5},{"sku":"B","requestId":"r2","price":7}]}""";
    private const string SecondLegacy = """{"generatedAt":"2026-11-25T10:00:03Z","items":[{"sku":"A","requestId":"r9","price":5},{"sku":"B","requestId":"r8","price":7}]}""";

    [Fact]
    public void Places_that_differ_between_two_legacy_answers_are_learned_generalised_over_indices()
    {
        var noise = NoiseLearner.Learn(Json200(FirstLegacy), Json200(SecondLegacy), ComparisonRules.Strict);

        Assert.Equal(["$.generatedAt", "$.items[*].requestId"], noise.Paths);
        Assert.Empty(noise.Headers);
    }

    [Fact]
    public void With_learned_noise_applied_only_a_real_difference_remains()
    {
        var noise = NoiseLearner.Learn(Json200(FirstLegacy), Json200(SecondLegacy), ComparisonRules.Strict);
        const string candidate = """{"generatedAt":"2026-11-25T10:00:09Z","items":[{"sku":"A","requestId":"c1","price":5},{"sku":"B","requestId":"c2","price":7.01}]}""";

        Assert.Equal(4, Compare(FirstLegacy, candidate).Differences.Count);
        var result = new ResponseComparer(noise.ApplyTo(ComparisonRules.Strict)).Compare(Json200(FirstLegacy), Json200(candidate));

        Assert.Equal(new Difference(DifferenceKind.Value, "/items/1/price", "7", "7.01"), Assert.Single(result.Differences));
    }

    [Fact]
    public void Headers_that_change_between_legacy_answers_stop_being_compared()
    {
        var rules = Rules(headers: ["ETag", "Cache-Control"]);
        var first = CapturedResponse.Of(200, Json, "{}", new Dictionary<string, string> { ["ETag"] = "1", ["Cache-Control"] = "no-store" });
        var second = CapturedResponse.Of(200, Json, "{}", new Dictionary<string, string> { ["ETag"] = "2", ["Cache-Control"] = "no-store" });

        var noise = NoiseLearner.Learn(first, second, rules);

        Assert.Equal(["ETag"], noise.Headers);
        Assert.Equal(["Cache-Control"], noise.ApplyTo(rules).Headers);
    }

    [Fact]
    public void Identical_legacy_answers_teach_nothing()
    {
        Assert.True(NoiseLearner.Learn(Json200(FirstLegacy), Json200(FirstLegacy), ComparisonRules.Strict).IsEmpty);
    }

    [Fact]
    public void Learned_paths_with_odd_member_names_stay_valid_rules()
    {
        var noise = NoiseLearner.Learn(Json200("""{"x.y":{"a b":1}}"""), Json200("""{"x.y":{"a b":2}}"""), ComparisonRules.Strict);

        Assert.Equal(["$['x.y']['a b']"], noise.Paths);
        Assert.True(new ResponseComparer(noise.ApplyTo(ComparisonRules.Strict)).Compare(
            Json200("""{"x.y":{"a b":1}}"""), Json200("""{"x.y":{"a b":3}}""")).Matched);
    }
}
