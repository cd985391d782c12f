using Strangler.Bench.Drill;

namespace Bench.Tests;

/// <summary>The drill's command line: every value in range is taken, anything else named with the usage.</summary>
public sealed class DrillOptionsTests
{
    [Fact]
    public void Every_option_is_read()
    {
        var options = DrillOptions.Parse(["--writes", "500", "--writers", "4", "--kills", "3", "--database", "postgres", "--seed", "42"], out var problem);

        Assert.Null(problem);
        Assert.Equal(new DrillOptions(500, 4, 3, true, 42), options);
    }

    [Fact]
    public void Nothing_given_is_ten_thousand_writes_by_eight_writers_with_ten_kills_on_sqlite()
    {
        var options = DrillOptions.Parse([], out _)!;

        Assert.Equal((10_000, 8, 10, false), (options.Writes, options.Writers, options.Kills, options.Postgres));
    }

    [Theory]
    [InlineData("--writes", "0")]
    [InlineData("--writes", "1000001")]
    [InlineData("--writers", "65")]
    [InlineData("--kills", "-1")]
    [InlineData("--database", "oracle")]
    [InlineData("--seed", "x")]
    [InlineData("--writes", null)]
    public void A_value_out_of_range_is_named_with_the_usage(string option, string? value)
    {
        var options = DrillOptions.Parse(value is null ? [option] : [option, value], out var problem);

        Assert.Null(options);
        Assert.Equal($"{option} got '{value ?? "(nothing)"}'. Usage: {DrillOptions.Usage}", problem);
    }

    [Fact]
    public void An_unknown_argument_is_named()
    {
        Assert.Null(DrillOptions.Parse(["--fast"], out var problem));
        Assert.StartsWith("'--fast' is not a drill argument.", problem, StringComparison.Ordinal);
    }
}
