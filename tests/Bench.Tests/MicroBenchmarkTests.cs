using Strangler.Bench.Micro;

namespace Bench.Tests;

/// <summary>
/// The micro-benchmarks set up and answer as the façade would, so a change to the façade's wiring
/// breaks a test here rather than a row of the next bench run.
/// </summary>
public sealed class MicroBenchmarkTests
{
    [Theory]
    [InlineData("Legacy", false)]
    [InlineData("Service", true)]
    public async Task The_routing_decision_benchmark_decides_as_its_mode_says(string mode, bool service)
    {
        var bench = new RoutingDecisionBenchmarks { Mode = mode };
        bench.Setup();
        try
        {
            Assert.Equal(service, await bench.Decide());
            Assert.Equal(service, await bench.Decide());
        }
        finally
        {
            bench.Cleanup();
        }
    }

    [Fact]
    public async Task The_canary_benchmark_keeps_its_user_on_one_side()
    {
        var bench = new RoutingDecisionBenchmarks { Mode = "Canary" };
        bench.Setup();
        try
        {
            var first = await bench.Decide();
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(first, await bench.Decide());
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void The_comparer_benchmark_compares_equal_bodies_of_the_size_it_names(int kilobytes)
    {
        var bench = new ComparerBenchmarks { Kilobytes = kilobytes };
        bench.Setup();

        Assert.True(bench.Compare());
        Assert.InRange(bench.BodyBytes, kilobytes * 1024 - 400, kilobytes * 1024 + 400);
    }
}
