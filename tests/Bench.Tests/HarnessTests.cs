using Strangler.Bench.Macro;

namespace Bench.Tests;

/// <summary>The numbers in the table are only as good as the parsing behind them.</summary>
public sealed class HarnessTests
{
    private const string WrkOutput = """
        Running 6s test @ http://127.0.0.1:1234/fixed
          2 threads and 32 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.02ms  800.21us  20.01ms   90.00%
            Req/Sec    14.50k     1.20k   16.00k    70.00%
          Latency Distribution
             50%  972.00us
             75%    1.20ms
             90%    1.60ms
             99%    2.88ms
          173562 requests in 6.00s, 190.30MB read
          Non-2xx or 3xx responses: 12
        Requests/sec:  28927.01
        Transfer/sec:     31.72MB
        """;

    [Fact]
    public void Wrk_output_gives_rate_requests_percentiles_in_milliseconds_and_errors()
    {
        var result = Wrk.Parse(WrkOutput);

        Assert.Equal(28927.01, result.RequestsPerSecond);
        Assert.Equal(173562, result.Requests);
        Assert.Equal(0.972, result.P50Ms, 3);
        Assert.Equal(2.88, result.P99Ms, 3);
        Assert.Equal(12, result.Errors);
        Assert.Null(result.Failure);
    }

    [Fact]
    public void A_wrk_run_with_many_failures_or_no_rate_is_a_failed_row()
    {
        Assert.NotNull(Wrk.Parse(WrkOutput.Replace("Non-2xx or 3xx responses: 12", "Non-2xx or 3xx responses: 9000", StringComparison.Ordinal)).Failure);
        Assert.NotNull(Wrk.Parse("unable to connect to 127.0.0.1:1 Connection refused").Failure);
    }

    [Fact]
    public void H2load_logs_give_percentiles_and_count_failed_statuses()
    {
        var lines = Enumerable.Range(1, 100).Select(i => $"1795628235864677\t{(i == 100 ? 502 : 200)}\t{i * 1000}").Append("garbage");

        var result = H2Load.Summarise(1000, lines);

        Assert.Equal(100, result.Requests);
        Assert.Equal(50, result.P50Ms);
        Assert.Equal(99, result.P99Ms);
        Assert.Equal(1, result.Failed);
        Assert.Null(result.Failure);
    }

    [Fact]
    public void Medians_take_the_middle_or_the_mean_of_the_middle_two()
    {
        Assert.Equal(2, Row.Median([3, 1, 2]));
        Assert.Equal(2.5, Row.Median([4, 1, 3, 2]));
        Assert.Equal(0, Row.Median([]));
    }
}
